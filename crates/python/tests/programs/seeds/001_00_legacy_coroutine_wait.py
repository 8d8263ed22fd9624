# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 0 (lines 27-47)
# demonstrates: 3.4-style @asyncio.coroutine + yield from asyncio.sleep, ensure_future at top level, run_until_complete(asyncio.wait)
# edits: none (the block as published)

import asyncio

@asyncio.coroutine
def func1():
    print("1")
    yield from asyncio.sleep(2)
    print("2")

@asyncio.coroutine
def func2():
    print("3")
    yield from asyncio.sleep(2)
    print("4")

tasks = [
    asyncio.ensure_future(func1()),
    asyncio.ensure_future(func2())
]

loop = asyncio.get_event_loop()
loop.run_until_complete(asyncio.wait(tasks))
