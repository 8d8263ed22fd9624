# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 8 (lines 211-240)
# demonstrates: tasks created with ensure_future start when main awaits, then overlap (2 s)
# edits: none (the block as published)

import asyncio

async def func():
    print(1)
    await asyncio.sleep(2)
    print(2)
    return 'success'

async def main():
    print('main start')
    # 创建一个Task对象，将当前执行func函数任务添加到事件循环
    # 在传入协程对象的场景，与create_task()函数作用相同
    task1 = asyncio.ensure_future(func())
    task2 = asyncio.ensure_future(func())
    print('main end')
    # 当执行某协程遇到IO操作时，会自动切换到其他协程
    res1 = await task1
    res2 = await task2
    print(res1, res2)

asyncio.run(main())
''' 输出结果
main start
main end
1
1
2
2
success success
'''
