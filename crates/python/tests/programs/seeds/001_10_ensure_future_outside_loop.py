# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 10 (lines 279-292)
# demonstrates: tasks made with ensure_future before asyncio.run belong to another loop, so asyncio.run(asyncio.wait(...)) never ends
# edits: none (the block as published)

import asyncio

async def func():
    print(1)
    await asyncio.sleep(2)
    print(2)
    return 'success'

task_list = [
    asyncio.ensure_future(func()),
    asyncio.ensure_future(func())
]

done, pending = asyncio.run(asyncio.wait(task_list))
