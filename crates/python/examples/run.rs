//! Runs a Python file on the virtual clock and prints its console (a developer's tool):
//! `cargo run -p awaitlab-python --example run -- prog.py`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: run <file.py>");
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
            for line in run.trace.lines() {
                println!("{line}");
            }
            if let Some(e) = &run.trace.error() {
                println!("[run error] {e}");
            }
            println!("[total {:?} s]", run.trace.total_s());
        }
        Err(e) => println!("{e}"),
    }
}
