//! Our own guards in the standard library, not CPython's behaviour: hostile sizes raise a
//! clear `MemoryError` at once instead of allocating gigabytes in a browser tab, lazy
//! iterators stay lazy over astronomically long inputs, and errors in library code written in
//! Python (codetiming, functools) reach the learner as ordinary exceptions.

use awaitlab_python::run_virtual;

/// Runs `source` and returns (stdout lines, the last stderr line).
fn run(source: &str) -> (Vec<String>, Option<String>) {
    let run = run_virtual(source).expect("the program compiles");
    (run.stdout, run.stderr.last().cloned())
}

#[test]
fn huge_pool_counts_raise_memory_error_at_once() {
    for source in [
        "import itertools\nitertools.product(range(2), repeat=10**7)\n",
        "import itertools\nitertools.tee([1], 10**7)\n",
        "import collections\ncollections.Counter(a=10**12).elements()\n",
        "import json\njson.dumps([1], indent=10**9)\n",
    ] {
        let (_, err) = run(source);
        let err = err.unwrap_or_default();
        assert!(err.starts_with("MemoryError: "), "{source}: {err}");
    }
}

#[test]
fn lazy_iterators_do_not_materialise_their_input() {
    let (out, err) = run(concat!(
        "import itertools\n",
        "r = itertools.repeat('x', 10**18)\n",
        "print(next(r), repr(itertools.repeat(0, 10**18)))\n",
        "c = itertools.count(10**17, 10**15)\n",
        "print(next(c), next(c))\n",
        "print(list(itertools.islice(itertools.product(range(10**6), repeat=3), 2)))\n",
        "print(next(itertools.combinations(range(10**6), 3)))\n",
        "for i, x in enumerate(itertools.cycle('ab')):\n",
        "    if i == 3:\n",
        "        break\n",
        "print(i, x)\n",
    ));
    assert_eq!(err, None);
    assert_eq!(
        out,
        [
            "x repeat(0, 1000000000000000000)",
            "100000000000000000 101000000000000000",
            "[(0, 0, 0), (0, 0, 1)]",
            "(0, 1, 2)",
            "3 b",
        ]
    );
}

#[test]
fn errors_inside_python_written_modules_are_ordinary_exceptions() {
    let (out, err) = run(concat!(
        "import functools\n",
        "from codetiming import Timer, TimerError\n",
        "try:\n",
        "    Timer().stop()\n",
        "except TimerError as e:\n",
        "    print('caught', e)\n",
        "functools.reduce(lambda a, b: a / b, [1, 0])\n",
    ));
    assert_eq!(
        out,
        ["caught Timer is not running. Use .start() to start it"]
    );
    assert_eq!(err.as_deref(), Some("ZeroDivisionError: division by zero"));
}

#[test]
fn files_live_for_one_run_only() {
    let write = "open('kept.txt', 'w').write('x')\nimport os\nprint(os.listdir())\n";
    assert_eq!(run(write).0, ["['kept.txt']"]);
    let read = "import os\nprint(os.path.exists('kept.txt'), os.listdir())\n";
    assert_eq!(run(read).0, ["False []"]);
}
