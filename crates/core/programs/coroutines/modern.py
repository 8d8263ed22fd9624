import asyncio

DELAY = 2  # param: delay


async def func1():
    print("1")
    await asyncio.sleep(DELAY)
    print("2")


async def func2():
    print("3")
    await asyncio.sleep(DELAY)
    print("4")


async def main():
    await asyncio.wait([
        asyncio.create_task(func1(), name="func1"),
        asyncio.create_task(func2(), name="func2"),
    ])


asyncio.run(main())
