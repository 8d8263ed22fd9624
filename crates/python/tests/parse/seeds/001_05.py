import asyncio

async def func():
    print('执行协程函数体')

cor_obj = func()    # 创建协程对象
print(cor_obj)      # <coroutine object func at 0x000001913BF4D2C0>

loop = asyncio.get_event_loop()
loop.run_until_complete(cor_obj)    # 传入携程对象，执行协程函数体
