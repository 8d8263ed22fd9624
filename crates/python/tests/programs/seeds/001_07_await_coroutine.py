# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 7 (lines 166-191)
# demonstrates: awaiting a coroutine runs it in place (sequential, 4 s)
# edits: none (the block as published)

import asyncio

async def others():
    print('start')
    await asyncio.sleep(2)
    print('end')
    return "success"

async def func():
    print("Coroutine code is running")
    resp1 = await others()	# await + 协程对象
    print('IO request ends, response is', resp1)
    resp2 = await others()
    print('IO request ends, response is', resp2)

asyncio.run(func())

''' 执行结果：
Coroutine code is running
start
end
IO request ends, response is success
start
end
IO request ends, response is success
'''
