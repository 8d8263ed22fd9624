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
