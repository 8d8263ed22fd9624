import asyncio

DELAY = 2  # param: delay
VALUE = 666  # param: value


async def set_after(fut, delay, value):
    await asyncio.sleep(delay)
    fut.set_result(value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()  # no work of its own
    setter = set_after(fut, DELAY, VALUE)
    task = asyncio.create_task(setter, name="set_after")
    print(await fut)  # wakes on set_result
    await task


asyncio.run(main())
