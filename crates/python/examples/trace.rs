//! Prints a Python file's predicted trace, one event a line with its source line (a
//! developer's tool): `cargo run -p awaitlab-python --example trace -- prog.py`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: trace <file.py>");
        return;
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    match awaitlab_python::run_virtual(&source) {
        Ok(run) => {
            for e in &run.trace.events {
                let lane = &run.trace.tasks[e.task].name;
                println!(
                    "{:>10.3} {:>8.3} {:<18} {:<8} line {:<4} {}",
                    e.start_us / 1000.0,
                    e.dur_us / 1000.0,
                    lane,
                    e.kind.cat(),
                    e.line.map_or("-".to_string(), |l| l.to_string()),
                    e.label
                );
            }
        }
        Err(e) => println!("{e}"),
    }
}
