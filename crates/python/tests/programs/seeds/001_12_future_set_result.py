# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 12 (lines 319-337)
# demonstrates: a bare Future resolved by another task (loop.create_future, set_result); the tutorial's loop.ensure_future does not exist
# edits: none (the block as published)

import asyncio

async def set_after(fut: asyncio.Future):   # 此处的类型标注是可选的，只是为了代码提示
    await asyncio.sleep(2)
    fut.set_result("666")

async def main():
    # 获取当前事件循环
    loop = asyncio.get_event_loop()
    # 创建一个任务（Future对象），没有绑定任何行为，则这个任务永远不知道什么时候结束
    fut = loop.create_future()
    # 创建一个任务（Task对象），绑定了set_after函数，函数内部在2s之后，会给fut赋值
    # 即手动设置future任务的最终结果，那么fut就可以结束了
    await loop.ensure_future(set_after(fut))
    # 等待Future对象获取最终结果，如果不设置最终结果，那么这里会一直阻塞
    data = await fut
    print(data)

asyncio.run(main())
