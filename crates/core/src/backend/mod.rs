//! What a run reaches beyond its own loop — where its HTTP requests go, how it schedules work on
//! the host's queues, and who runs its pool jobs — as traits with a virtual implementation each
//! (the prediction's). The browser adapter implements them for real; a run is handed its
//! [`Backends`] when it starts, so the loop itself knows nothing of them.

pub mod io;
pub mod pool;
pub mod schedule;

use std::rc::Rc;

use io::{Io, VirtualIo};
use pool::{PoolMaker, RefusingPoolMaker, VirtualPoolMaker};
use schedule::Scheduler;

/// The backends of one run.
#[derive(Clone)]
pub struct Backends {
    /// Where HTTP requests go.
    pub io: Rc<dyn Io>,
    /// The host's own scheduling, for ping-pongs; `None` charges each hop its nominal cost.
    pub scheduler: Option<Rc<dyn Scheduler>>,
    /// What makes the run's worker pools.
    pub pools: Rc<dyn PoolMaker>,
}

impl Backends {
    /// The prediction's: every request succeeds at once, hops take their nominal cost, pools are
    /// modelled in virtual time.
    pub fn predicted() -> Self {
        Backends {
            io: Rc::new(VirtualIo),
            scheduler: None,
            pools: Rc::new(VirtualPoolMaker::default()),
        }
    }

    /// These backends with `pools` instead.
    pub fn with_pools(self, pools: Rc<dyn PoolMaker>) -> Self {
        Backends { pools, ..self }
    }

    /// These backends with no worker pools: a job fails at once with `why` (a loop that has no
    /// workers of its own must not pass a modelled pool off as a measured one).
    pub fn without_pools(self, why: &'static str) -> Self {
        self.with_pools(Rc::new(RefusingPoolMaker { why }))
    }
}
