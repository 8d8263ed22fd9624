//! The page's language for the views: the root provides it as a Yew context, so a view asks for
//! it with [`use_lang`] and a change of language re-renders exactly the views that read it.
//! Words come from `awaitlab_i18n` (`tr!(lang, "id", …)`); no view holds display text itself.

use yew::prelude::*;

pub use awaitlab_i18n::{tr, tr_with, Arg, Lang};

/// The page's language (English outside the root's provider, as in a component test).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
