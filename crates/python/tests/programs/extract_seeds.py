#!/usr/bin/env python3
"""Regenerate AwaitLab's golden-test programs from the tutorial seeds.

    python3 crates/python/tests/programs/extract_seeds.py [--seeds /work/shared/seeds]
            [--no-run]

Reads the five seed files (Chinese translations of asyncio tutorials), finds their
fenced code blocks, and for every block that is a program writes
seeds/<seed-index>_<block-index>_<slug>.py: a comment header naming the seed file, the
block(s) and every edit made, then the code as learners would paste it (edited as
little as possible: line numbers stripped, markdown markers removed, merged lines split,
split examples joined).  Blocks that are not programs (output, shell sessions,
pseudo-code, one-line fragments) are listed in the manifest with the reason.

Then it runs every program under CPython 3.11 with ../golden/cpython_run.py (virtual mode,
twice, to check determinism; scaled mode too for the `scaled` ones) and writes
seeds/MANIFEST.json: per program what it demonstrates, CPython 3.11's verdict, the
golden mode, the runner arguments, the modules and asyncio APIs it uses (found with
`ast`), and the EXPECTED.md section that shows its output.  It also writes
own/MANIFEST.json for the hand-written programs in own/ (from their header comments).
--no-run keeps the verdicts of the existing manifest.

Standard library only.
"""

import argparse
import ast
import concurrent.futures
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS_OUT = os.path.join(HERE, "seeds")
OWN_DIR = os.path.join(HERE, "own")
RUNNER = os.path.join(HERE, "..", "golden", "cpython_run.py")
DEFAULT_SEEDS = "/work/shared/seeds"

SEED_FILES = [
    "000_415eb0bbfdfb4bc4.txt",  # Real Python: "Getting Started With Async Features in Python"
    "001_afe7e6bfbbfb468a.txt",  # a Chinese introduction to async programming
    "002_960a738dceb5080c.txt",  # a book chapter: asyncio and concurrent.futures
    "003_43c47467de18fd97.txt",  # Medium: "Asynchronous programming in Python, part 1"
    "004_b96deb0ed91b0117.txt",  # educba: "Python Async"
]

# --------------------------------------------------------------------------------------
# What each block is.  Keys: (seed index, block index), blocks numbered from 0 in file
# order, counting every fenced block.  A program entry:
#   slug, demonstrates (one English line), mode ("virtual" | "scaled" | "skip"),
#   optional: reason (why skip / why scaled), join (further block indices, in the order
#   their code is appended), prepend (lines added at the top, with the edit note),
#   runner_args, expect_error (the exception CPython 3.11 ends the golden run with),
#   compare ("exact" | "addresses" | {"abs": s, "rel": r}), slow (CPU-bound: seconds of
#   real CPU even in virtual mode, left out of the quick harness run), notes.
# A skip entry: {"skip": reason}.  Every block must be listed.
# --------------------------------------------------------------------------------------

OUTPUT = "console output shown by the tutorial, not code"

BLOCKS = {
    # ---- 000: Real Python, every code line numbered -----------------------------------
    (0, 0): dict(slug="sync_queue_tasks", mode="virtual",
                 demonstrates="synchronous 'tasks' draining a queue.Queue one after the other"),
    (0, 1): {"skip": OUTPUT + " (of block 0)"},
    (0, 2): dict(slug="generator_tasks", mode="virtual",
                 demonstrates="cooperative concurrency with generators: next() round-robin, "
                              "StopIteration ends a task"),
    (0, 3): {"skip": OUTPUT + " (of block 2)"},
    (0, 4): dict(slug="generator_blocking_sleep", mode="virtual",
                 demonstrates="generator tasks that block in time.sleep: total time is the sum "
                              "(32 s), timed with codetiming.Timer"),
    (0, 5): {"skip": OUTPUT + " (of block 4)"},
    (0, 6): dict(slug="asyncio_queue_sleep", mode="virtual",
                 demonstrates="two asyncio tasks share an asyncio.Queue and await "
                              "asyncio.sleep: total time overlaps (17 s)"),
    (0, 7): {"skip": OUTPUT + " (of block 6)"},
    (0, 8): dict(slug="generator_requests", mode="virtual",
                 demonstrates="generator tasks fetching URLs with blocking requests.Session.get "
                              "(fake network: 0.1 s per request)"),
    (0, 9): {"skip": OUTPUT + " (of block 8)"},
    (0, 10): dict(slug="aiohttp_tasks", mode="virtual",
                  demonstrates="two asyncio tasks fetching URLs with aiohttp.ClientSession "
                               "(fake network: 0.1 s per request) while sharing a Queue"),
    (0, 11): {"skip": OUTPUT + " (of block 10)"},
    # ---- 001: Chinese async intro -----------------------------------------------------
    (1, 0): dict(slug="legacy_coroutine_wait", mode="virtual",
                 runner_args=["--legacy-coroutine"],
                 demonstrates="3.4-style @asyncio.coroutine + yield from asyncio.sleep, "
                              "ensure_future at top level, run_until_complete(asyncio.wait)",
                 notes="@asyncio.coroutine was removed in Python 3.11: plain CPython 3.11 "
                       "ends with AttributeError: module 'asyncio' has no attribute "
                       "'coroutine' (see cpython311.plain_error). AwaitLab accepts it as "
                       "3.4-3.10 did, so the golden run uses --legacy-coroutine (the "
                       "runner puts back 3.10's decorator; 3.10's DeprecationWarning goes "
                       "to stderr)."),
    (1, 1): dict(slug="ensure_future_wait", mode="virtual",
                 demonstrates="async def coroutines scheduled with asyncio.ensure_future at top "
                              "level, run with get_event_loop().run_until_complete(asyncio.wait)"),
    (1, 2): {"skip": "pseudo-code of an event loop (Chinese identifiers, undefined names)"},
    (1, 3): dict(slug="get_event_loop", mode="virtual",
                 demonstrates="asyncio.get_event_loop() at top level (no output)"),
    (1, 4): {"skip": "fragment: loop and tasks are undefined"},
    (1, 5): dict(slug="coroutine_object", mode="virtual", compare="addresses",
                 demonstrates="calling an async def makes a coroutine object (its repr is "
                              "printed), run_until_complete runs it",
                 notes="prints <coroutine object func at 0x...>: the address differs from "
                       "run to run, compare with addresses masked"),
    (1, 6): {"skip": "fragment: a typo (asynio) and an undefined cor_obj"},
    (1, 7): dict(slug="await_coroutine", mode="virtual",
                 demonstrates="awaiting a coroutine runs it in place (sequential, 4 s)"),
    (1, 8): dict(slug="ensure_future_tasks", mode="virtual",
                 demonstrates="tasks created with ensure_future start when main awaits, then "
                              "overlap (2 s)"),
    (1, 9): {"skip": "fragment: '...' stands for block 8's definitions (func undefined)"},
    (1, 10): dict(slug="ensure_future_outside_loop", mode="virtual",
                  expect_error="Deadlock: the event loop has nothing ready, no timer and no "
                               "I/O or thread to wait for (CPython would wait forever)",
                  demonstrates="tasks made with ensure_future before asyncio.run belong to "
                               "another loop, so asyncio.run(asyncio.wait(...)) never ends",
                  notes="The tutorial shows this as the wrong way.  CPython 3.11 hangs "
                        "forever (asyncio.wait does not check the tasks' loop; they belong "
                        "to the loop get_event_loop() made, which never runs): the runner "
                        "stops it at once as a Deadlock (limit 'deadlock').  The "
                        "interpreter should detect the same idle loop."),
    (1, 11): {"skip": "fragment: '...' placeholders around a list of coroutines"},
    (1, 12): dict(slug="future_set_result", mode="virtual",
                  expect_error="AttributeError: '_UnixSelectorEventLoop' object has no "
                               "attribute 'ensure_future'",
                  demonstrates="a bare Future resolved by another task (loop.create_future, "
                               "set_result); the tutorial's loop.ensure_future does not exist",
                  notes="The tutorial calls loop.ensure_future, which event loops never had: "
                        "CPython raises AttributeError naming _UnixSelectorEventLoop (the "
                        "interpreter must name its loop class the same, or this line "
                        "differs)."),
    (1, 13): dict(slug="async_counter", mode="virtual", join=[15],
                  join_note="joined block 15 (main, which iterates block 13's Counter)",
                  demonstrates="a class-based async iterator (__aiter__/__anext__, "
                               "StopAsyncIteration) consumed with async for"),
    (1, 14): {"skip": "fragment: async for outside a coroutine (SyntaxError), "
                      "async_iterator undefined"},
    (1, 15): {"skip": "joined into 001_13 (uses block 13's Counter class)"},
    (1, 16): dict(slug="file_manager", mode="virtual",
                  demonstrates="a synchronous context manager (__enter__/__exit__) around "
                               "open(); writes test.txt in the current directory",
                  notes="The runner's working directory is a fresh temporary directory; the "
                        "interpreter needs a writable open() (or a virtual file system)."),
    (1, 17): dict(slug="async_context_manager", mode="virtual",
                  demonstrates="a class-based async context manager (__aenter__/__aexit__ "
                               "awaiting asyncio.sleep)"),
    (1, 18): {"skip": "shell command (pip install uvloop)"},
    (1, 19): dict(slug="uvloop_policy", mode="skip",
                  reason="needs uvloop (a third-party C extension, not installed; AwaitLab "
                         "has no uvloop)",
                  demonstrates="replacing the event loop policy with uvloop's"),
    # ---- 002: book chapter ------------------------------------------------------------
    (2, 0): dict(slug="countdown_sync", mode="virtual",
                 demonstrates="three blocking count_down calls with time.sleep: 6.9 s in all, "
                              "elapsed printed with '%.4f'"),
    (2, 1): {"skip": OUTPUT + " (of block 0, a shell session)"},
    (2, 2): {"skip": "arithmetic in prose, not code"},
    (2, 3): dict(slug="countdown_async", mode="virtual", join=[4],
                 join_note="joined block 4 (the second half of Chapter10/example2.py)",
                 prepend=["import asyncio", "import time", ""],
                 prepend_note="added `import asyncio` and `import time` (the book's "
                              "example2.py has them; the excerpts omit them)",
                 demonstrates="three count_down coroutines on one loop (loop.create_task, "
                              "run_until_complete(asyncio.wait)): 3.0 s, C/B/A interleaved"),
    (2, 4): {"skip": "joined into 002_03 (second half of Chapter10/example2.py)"},
    (2, 5): {"skip": OUTPUT + " (of example2, a shell session)"},
    (2, 6): {"skip": "one-line fragment"},
    (2, 7): {"skip": "one-line fragment"},
    (2, 8): dict(slug="prime_sync", mode="virtual", slow=True,
                 demonstrates="CPU-bound prime checks run one after the other (no asyncio)",
                 notes="is_prime(9637529763296797) loops ~49 million times: seconds of real "
                       "CPU even when the clock is virtual."),
    (2, 9): {"skip": OUTPUT + " (of block 8)"},
    (2, 10): dict(slug="prime_async", mode="virtual", slow=True, join=[11, 12], order=[11, 10, 12],
                  join_note="joined the three excerpts of Chapter09/example2.py: block 11 "
                            "(is_prime, with the imports), block 10 (main), block 12 (the "
                            "try/finally runner)",
                  demonstrates="CPU-bound coroutines that yield with asyncio.sleep(0) every "
                               "100000 iterations, so the small checks finish first",
                  notes="Chapter09/example2.py is shown in three excerpts: is_prime (block 11, "
                        "with the imports), main (block 10), the try/finally runner (block "
                        "12); joined in that order.  ~49 million loop iterations: seconds of "
                        "real CPU."),
    (2, 11): {"skip": "joined into 002_10 (is_prime of Chapter09/example2.py)"},
    (2, 12): {"skip": "joined into 002_10 (the runner of Chapter09/example2.py)"},
    (2, 13): {"skip": OUTPUT + " (of example2)"},
    (2, 14): {"skip": "interactive session showing SyntaxErrors (def async(), await = 0)"},
    (2, 15): {"skip": "fragment: main undefined (and asyncio.run_until_complete does not "
                      "exist)"},
    (2, 16): {"skip": "one-line fragment (main undefined)"},
    (2, 17): {"skip": OUTPUT + " (of example3, not shown)"},
    (2, 18): {"skip": OUTPUT + " (of example4, not shown)"},
    (2, 19): dict(slug="countdown_threads", mode="scaled",
                  reason="three blocking count_downs run in parallel in a ThreadPoolExecutor; "
                         "a shared virtual clock cannot model parallel time.sleep",
                  compare={"abs": 0.3, "unordered": True},
                  notes="Scaled readings wobble by up to ~0.2 s and lines printed at the "
                        "same moment (A = 3 and C = 2 at 1.0 s) come in either order: "
                        "compare unordered with a 0.3 s tolerance.",
                  demonstrates="loop.run_in_executor with a ThreadPoolExecutor: blocking "
                               "functions overlap (3 s)"),
    (2, 20): {"skip": OUTPUT + " (of block 19)"},
    (2, 21): {"skip": "two-line fragment"},
    (2, 22): dict(slug="prime_process_pool", mode="scaled", slow=True,
                  reason="ProcessPoolExecutor: real processes in parallel",
                  compare={"abs": 1e9, "unordered": True},
                  demonstrates="loop.run_in_executor with a ProcessPoolExecutor for CPU-bound "
                               "work, timed with timeit.default_timer",
                  notes="The 'Took N seconds.' line measures CPU work (x scale in scaled "
                        "mode) and the order of the 'Processing'/'is a prime' lines depends "
                        "on process scheduling: compare unordered, any number accepted.  "
                        "AwaitLab has no processes."),
    (2, 23): {"skip": OUTPUT + " (of block 22)"},
    # ---- 003: Medium, bold markers and merged lines -----------------------------------
    (3, 0): dict(slug="gather_datetime", mode="virtual",
                 demonstrates="asyncio.gather of two sleeping tasks (5 s and 10 s) printing "
                              "datetime.now() and __file__; total 10 s"),
    (3, 1): {"skip": OUTPUT + " (of block 0)"},
    (3, 2): dict(slug="sync_datetime", mode="virtual",
                 demonstrates="the same two tasks with blocking time.sleep: 15 s"),
    (3, 3): {"skip": OUTPUT + " (of block 2)"},
    (3, 4): dict(slug="threads_datetime", mode="scaled",
                 reason="two threading.Threads sleep in parallel; a shared virtual clock "
                        "cannot model parallel time.sleep",
                 compare={"abs": 0.3, "unordered": True},
                 notes="datetime.now() prints carry microseconds in scaled mode (none in "
                       "virtual mode, where they are whole seconds); the tolerance "
                       "compares each number of the timestamp.",
                 demonstrates="the same two tasks on threading.Thread: 10 s"),
    (3, 5): {"skip": OUTPUT + " (of block 4)"},
    # ---- 004: educba --------------------------------------------------------------------
    (4, 0): dict(slug="sync_queue_tasks", mode="virtual",
                 demonstrates="synchronous tasks draining a queue.Queue (the first task does "
                              "all the work)"),
    (4, 1): dict(slug="call_soon_run_forever", mode="virtual",
                 demonstrates="loop.call_soon with functools.partial, run_forever until a "
                              "callback calls loop.stop(), then loop.close()"),
    (4, 2): dict(slug="create_task_run_until_complete", mode="virtual",
                 demonstrates="loop.create_task + run_until_complete, then task.result() "
                              "after loop.close()"),
    (4, 3): {"skip": "duplicate: identical to block 2"},
}

# --------------------------------------------------------------------------------------
# reading the seeds
# --------------------------------------------------------------------------------------


def read_blocks(path):
    """[(first line number (1-based, of the first code line), info string, [lines])]"""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, cur = [], None
    for i, line in enumerate(lines):
        if line.startswith("```"):
            if cur is None:
                cur = (i + 2, line[3:].strip(), [])
            else:
                blocks.append(cur)
                cur = None
        elif cur is not None:
            cur[2].append(line)
    if cur is not None:
        raise SystemExit("%s: unterminated code block at line %d" % (path, cur[0] - 1))
    return blocks


def strip_line_numbers(lines, edits):
    """Seed 000 prints every code line as '%2d' % n then the code ('10            x')."""
    out = []
    for n, line in enumerate(lines, 1):
        m = re.match(r"^\s*(\d+)(.*)$", line)
        if not m or int(m.group(1)) != n:
            raise SystemExit("line %d is not numbered %d: %r" % (n, n, line))
        out.append(m.group(2))
    note = "stripped the line numbers 1-%d printed before every line" % len(lines)
    if any(re.match(r"^ \S", l) for l in out):
        note += (" (lines inside the docstring keep only the one space the numbering left:"
                 " their indentation inside the string is lost)")
    edits.append(note)
    return out


_MERGED_KEYWORD = re.compile(r"\*\*(def|if|import|class|async def)\*\*")
_ITALIC_COMMENT = re.compile(r"\s*\*(#[^*]*)\*\s*")


def unmark_medium(lines, edits):
    """Seed 003: markdown bold (**import**) and italic comments (*# ...*) inside code,
    with line breaks lost around them ("import time **def** task(...)",
    "await x *# comment* print(...)")."""
    out = []
    for n, line in enumerate(lines, 1):
        # 1. A bold keyword after other code starts a new top-level statement.
        pieces = []
        rest = line
        while True:
            m = None
            for cand in _MERGED_KEYWORD.finditer(rest):
                if rest[:cand.start()].replace("*", "").strip():
                    m = cand
                    break
            if not m:
                break
            head = rest[:m.start()].rstrip()
            pieces.append(head)
            edits.append("block line %d: split a merged line before `%s` (a new top-level "
                         "statement)" % (n, m.group(1)))
            rest = rest[m.start():]
        pieces.append(rest)
        for piece in pieces:
            # 2. An italic comment followed by code: the comment ends the line.
            m = _ITALIC_COMMENT.search(piece)
            if m:
                indent = re.match(r"\s*", piece).group(0)
                code, comment, after = piece[:m.start()], m.group(1).strip(), piece[m.end():]
                if after.strip():
                    out.append(code + "  " + comment)
                    out.append(indent + after)
                    callee = after.replace("*", "").strip().split("(")[0]
                    edits.append("block line %d: the comment `%s` was merged with the next "
                                 "statement: ended the line after the comment and put "
                                 "`%s(...)` on its own line" % (n, comment, callee))
                else:
                    out.append(code + "  " + comment)
                    edits.append("block line %d: removed the italic markers around `%s`"
                                 % (n, comment))
            else:
                out.append(piece)
    stripped = [l.replace("**", "") for l in out]
    if stripped != out:
        edits.append("removed the markdown bold markers (**) around keywords and strings")
    return stripped


# --------------------------------------------------------------------------------------
# analysis with ast
# --------------------------------------------------------------------------------------

def analyse(source):
    """(modules imported, asyncio APIs used, syntax features) found with ast."""
    tree = ast.parse(source)
    modules = set()
    asyncio_aliases = {"asyncio"}
    from_asyncio = {}
    apis = set()
    features = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                modules.add(a.name)
                if a.name == "asyncio" and a.asname:
                    asyncio_aliases.add(a.asname)
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                modules.add(node.module)
                if node.module == "asyncio":
                    for a in node.names:
                        from_asyncio[a.asname or a.name] = a.name
        elif isinstance(node, ast.AsyncFunctionDef):
            features.add("async def")
        elif isinstance(node, ast.Await):
            features.add("await")
        elif isinstance(node, ast.AsyncFor):
            features.add("async for")
        elif isinstance(node, ast.AsyncWith):
            features.add("async with")
        elif isinstance(node, (ast.Yield,)):
            features.add("yield")
        elif isinstance(node, ast.YieldFrom):
            features.add("yield from")
        elif isinstance(node, ast.JoinedStr):
            features.add("f-string")
        elif isinstance(node, ast.Lambda):
            features.add("lambda")
        elif isinstance(node, ast.ClassDef):
            features.add("class")
        elif isinstance(node, ast.Try):
            features.add("try")
        elif isinstance(node, ast.With):
            features.add("with")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and \
                isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
            features.add("%-format")
    # asyncio.X / asyncio.X.Y and loop methods on things named like loops.
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            chain = []
            cur = node
            while isinstance(cur, ast.Attribute):
                chain.append(cur.attr)
                cur = cur.value
            if isinstance(cur, ast.Name) and cur.id in asyncio_aliases:
                chain.reverse()
                apis.add("asyncio." + chain[0])
        elif isinstance(node, ast.Name) and node.id in from_asyncio:
            apis.add("asyncio." + from_asyncio[node.id])
    loop_methods = {"run_until_complete", "run_forever", "stop", "close", "create_task",
                    "call_soon", "call_later", "call_at", "call_soon_threadsafe",
                    "run_in_executor", "create_future", "time", "is_running", "is_closed",
                    "ensure_future", "shutdown_asyncgens", "set_default_executor"}
    loop_names = {"loop", "event_loop", "sample_event", "new_loop"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id in loop_names \
                and node.func.attr in loop_methods:
            apis.add("loop." + node.func.attr)
    return sorted(modules), sorted(apis), sorted(features)


# --------------------------------------------------------------------------------------
# running CPython
# --------------------------------------------------------------------------------------


def run_program(path, mode, args=()):
    import subprocess
    cmd = [sys.executable, RUNNER, path, "--mode", mode] + list(args)
    # Slow (CPU-bound) programs need more than the default wall limit.
    cmd += ["--wall-limit", "120"]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    return json.loads(out)


def verdict_for(path, entry):
    """CPython 3.11's verdict: compiles?  plain run (virtual, no flags); the golden run
    (the manifest's mode and args) twice to check determinism."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    v = {}
    try:
        compile(source, os.path.basename(path), "exec")
        v["compiles"] = True
    except SyntaxError as e:
        v["compiles"] = False
        v["syntax_error"] = "%s: %s" % (type(e).__name__, e.msg)
    if entry["mode"] == "skip":
        plain = run_program(path, "virtual")
        v["plain_error"] = plain["error"]
        return v
    args = entry.get("runner_args", [])
    plain = run_program(path, "virtual") if args else None
    first = run_program(path, entry["mode"], args)
    second = run_program(path, entry["mode"], args)
    if plain is not None:
        v["plain_error"] = plain["error"]
    v["runs_offline"] = first["limit"] is None and not (first["error"] or "").startswith(
        "RunnerError")
    v["error"] = first["error"]
    v["stderr"] = bool(first["stderr_lines"])
    v["output_lines"] = len(first["lines"])
    v["deterministic"] = first["lines"] == second["lines"] and \
        first["error"] == second["error"]
    # Kept stable from one regeneration to the next: wall times are left out, and noisy
    # numbers are rounded to whole seconds.
    elapsed = first["elapsed"] or 0.0
    if entry["mode"] == "virtual":
        v["elapsed"] = round(elapsed, 6)
        # At real speed: the virtual seconds it sleeps, plus for CPU-bound programs the
        # CPU it burns (the virtual run's wall time).
        v["real_speed_s"] = round(elapsed + first["wall"]) if entry.get("slow") else \
            round(elapsed, 1)
    else:
        # Scaled runs report clock readings multiplied back: about the real-speed time,
        # except for CPU work, which the scale multiplies too (then: the wall time).
        v["elapsed"] = round(elapsed)
        v["real_speed_s"] = round(first["wall"]) if entry.get("slow") else round(elapsed)
    return v


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

HEADER_TOP = ("# AwaitLab golden-test program, extracted from a tutorial seed by\n"
              "# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).\n")


def build_programs(seeds_dir):
    programs, skipped = [], []
    for si, name in enumerate(SEED_FILES):
        blocks = read_blocks(os.path.join(seeds_dir, name))
        listed = {bi for (s, bi) in BLOCKS if s == si}
        if listed != set(range(len(blocks))):
            raise SystemExit("%s: blocks %s are not described in BLOCKS" % (
                name, sorted(set(range(len(blocks))) ^ listed)))
        cleaned = {}
        for bi, (line, info, body) in enumerate(blocks):
            edits = []
            code = list(body)
            if si == 0 and "skip" not in BLOCKS[(si, bi)]:
                code = strip_line_numbers(code, edits)
            if si == 3:
                code = unmark_medium(code, edits)
            cleaned[bi] = (line, info, code, edits)
        for bi, (line, info, body) in enumerate(blocks):
            d = BLOCKS[(si, bi)]
            span = "lines %d-%d" % (line, line + len(body) - 1)
            if "skip" in d:
                skipped.append({"seed": name, "block": bi, "lines": span,
                                "first_line": next((l.strip() for l in body if l.strip()), "")[:80],
                                "reason": d["skip"]})
                continue
            order = d.get("order", [bi] + d.get("join", []))
            code, edits, spans = [], [], []
            for j, b in enumerate(order):
                bline, _, bcode, bedits = cleaned[b]
                spans.append("block %d (lines %d-%d)" % (b, bline, bline + len(blocks[b][2]) - 1))
                if j > 0:
                    code.append("")
                    edits.append("appended block %d" % b)
                # trailing blank lines of a block
                while bcode and not bcode[-1].strip():
                    bcode = bcode[:-1]
                code.extend(bcode)
                edits.extend(("block %d: " % b + e) if len(order) > 1 else e for e in bedits)
            if d.get("join_note"):
                edits.insert(0, d["join_note"])
            if d.get("prepend"):
                code = d["prepend"] + code
                edits.insert(0, d["prepend_note"])
            # Tabs used as indentation inside blocks are kept as they are.
            fname = "%03d_%02d_%s.py" % (si, bi, d["slug"])
            header = [HEADER_TOP.rstrip("\n"),
                      "# seed: %s, %s" % (name, ", ".join(spans)),
                      "# demonstrates: %s" % d["demonstrates"]]
            if edits:
                header.append("# edits:")
                header.extend("#   - %s" % e for e in edits)
            else:
                header.append("# edits: none (the block as published)")
            text = "\n".join(header) + "\n\n" + "\n".join(code).rstrip("\n") + "\n"
            programs.append((fname, text, d, name, spans, edits))
    return programs, skipped


def own_manifest():
    """own/*.py: first comment line = what it demonstrates; pragmas:
    '# golden: mode=virtual', '# golden: expect_error=...', '# golden: compare=addresses'."""
    entries = []
    for fname in sorted(os.listdir(OWN_DIR)):
        if not fname.endswith(".py"):
            continue
        path = os.path.join(OWN_DIR, fname)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        first = []
        for line in source.split("\n"):
            if not line.startswith("#"):
                break
            if line.startswith("# golden:"):
                continue
            first.append(line[1:].strip())
        demonstrates = " ".join(first).split(". ")[0].rstrip(".")
        entry = {"file": fname, "demonstrates": demonstrates, "mode": "virtual",
                 "runner_args": [], "expect_error": None, "compare": "exact", "slow": False}
        for m in re.finditer(r"^# golden: (\w+)=(.*)$", source, re.M):
            key, value = m.group(1), m.group(2).strip()
            if key == "runner_args":
                entry[key] = value.split()
            else:
                entry[key] = value
        modules, apis, features = analyse(source)
        entry.update(modules=modules, asyncio_apis=apis, features=features,
                     expected_output="../seeds/EXPECTED.md#own-" + fname[:-3])
        entries.append(entry)
    return entries


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default=DEFAULT_SEEDS)
    ap.add_argument("--no-run", action="store_true",
                    help="keep the CPython verdicts of the existing manifest")
    args = ap.parse_args()

    programs, skipped = build_programs(args.seeds)
    os.makedirs(SEEDS_OUT, exist_ok=True)
    for old in os.listdir(SEEDS_OUT):
        if old.endswith(".py"):
            os.unlink(os.path.join(SEEDS_OUT, old))
    for fname, text, *_ in programs:
        with open(os.path.join(SEEDS_OUT, fname), "w", encoding="utf-8") as f:
            f.write(text)

    old_verdicts = {}
    manifest_path = os.path.join(SEEDS_OUT, "MANIFEST.json")
    if args.no_run and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            for p in json.load(f)["programs"]:
                old_verdicts[p["file"]] = p.get("cpython311")

    entries = []
    for fname, text, d, seed, spans, edits in programs:
        modules, apis, features = analyse(text)
        entries.append({
            "file": fname,
            "seed": seed,
            "blocks": spans,
            "demonstrates": d["demonstrates"],
            "edits": edits,
            "mode": d["mode"],
            "mode_reason": d.get("reason"),
            "runner_args": d.get("runner_args", []),
            "expect_error": d.get("expect_error"),
            "compare": d.get("compare", "exact"),
            "slow": d.get("slow", False),
            "notes": d.get("notes"),
            "modules": modules,
            "asyncio_apis": apis,
            "features": features,
            "expected_output": "EXPECTED.md#" + fname[:-3],
        })

    if not args.no_run:
        def job(e):
            return verdict_for(os.path.join(SEEDS_OUT, e["file"]), e)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            verdicts = list(pool.map(job, entries))
    else:
        verdicts = [old_verdicts.get(e["file"]) for e in entries]
    problems = []
    for e, v in zip(entries, verdicts):
        e["cpython311"] = v
        if v is None or e["mode"] == "skip":
            continue
        if v.get("error") != e["expect_error"]:
            problems.append("%s: CPython ends with %r, the manifest expects %r"
                            % (e["file"], v.get("error"), e["expect_error"]))
        if not v.get("deterministic") and e["compare"] == "exact":
            problems.append("%s: output differs between two runs" % e["file"])

    manifest = {
        "about": "AwaitLab golden-test programs extracted from the tutorial seeds by "
                 "extract_seeds.py (regenerate, do not edit). mode: virtual = run by "
                 "../../golden/cpython_run.py on a virtual clock, exact output; scaled = real "
                 "time divided by --scale, compare with the tolerance in 'compare'; skip = "
                 "not run (mode_reason). cpython311: the verdict of CPython 3.11 "
                 "(compiles; plain_error = a plain run without runner_args; runs_offline = "
                 "no limit hit; error = how the golden run ends; elapsed in virtual "
                 "seconds, or scaled seconds rounded; real_speed_s = estimated seconds at "
                 "real speed: the virtual elapsed, plus the measured CPU for slow "
                 "programs, or the scaled elapsed; deterministic = two runs printed the "
                 "same).",
        "seeds_dir": "/work/shared/seeds",
        "programs": entries,
        "skipped": skipped,
        "counts": {
            "blocks": len(BLOCKS),
            "programs": len(entries),
            "virtual": sum(e["mode"] == "virtual" for e in entries),
            "scaled": sum(e["mode"] == "scaled" for e in entries),
            "skip": sum(e["mode"] == "skip" for e in entries),
            "skipped_blocks": len(skipped),
        },
    }
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")

    own_entries = own_manifest()
    if not args.no_run:
        def own_job(e):
            return run_program(os.path.join(OWN_DIR, e["file"]), e["mode"], e["runner_args"])
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for e, r in zip(own_entries, pool.map(own_job, own_entries)):
                if r["error"] != e["expect_error"]:
                    problems.append("own/%s: CPython ends with %r, the header expects %r"
                                    % (e["file"], r["error"], e["expect_error"]))
    own = {
        "about": "AwaitLab's own edge-case programs (hand-written; this manifest is "
                 "generated from their header comments by ../extract_seeds.py). All run "
                 "in virtual mode.",
        "programs": own_entries,
    }
    with open(os.path.join(OWN_DIR, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump(own, f, ensure_ascii=False, indent=2)
        f.write("\n")

    print("%d programs (%d virtual, %d scaled, %d skip), %d blocks skipped" % (
        len(entries), manifest["counts"]["virtual"], manifest["counts"]["scaled"],
        manifest["counts"]["skip"], len(skipped)))
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
