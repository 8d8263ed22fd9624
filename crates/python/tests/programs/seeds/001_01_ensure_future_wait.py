# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 1 (lines 67-85)
# demonstrates: async def coroutines scheduled with asyncio.ensure_future at top level, run with get_event_loop().run_until_complete(asyncio.wait)
# edits: none (the block as published)

import asyncio

async def func1():
    print("1")
    await asyncio.sleep(2)
    print("2")

async def func2():
    print("3")
    await asyncio.sleep(2)
    print("4")

tasks = [
    asyncio.ensure_future(func1()),
    asyncio.ensure_future(func2())
] 

loop = asyncio.get_event_loop()
loop.run_until_complete(asyncio.wait(tasks))
