# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 5 (lines 137-146)
# demonstrates: calling an async def makes a coroutine object (its repr is printed), run_until_complete runs it
# edits: none (the block as published)

import asyncio

async def func():
    print('执行协程函数体')

cor_obj = func()    # 创建协程对象
print(cor_obj)      # <coroutine object func at 0x000001913BF4D2C0>

loop = asyncio.get_event_loop()
loop.run_until_complete(cor_obj)    # 传入携程对象，执行协程函数体
