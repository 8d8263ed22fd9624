import asyncio

DELAY = 2  # param: delay
COUNT = 2  # param: count


async def func():
    print(1)
    await asyncio.sleep(DELAY)
    print(2)
    return "success"


async def main():
    print("main start")
    tasks = [
        asyncio.create_task(func(), name=f"task{i}")
        for i in range(1, COUNT + 1)
    ]
    print("main end")  # no task has run yet
    results = []
    for task in tasks:
        results.append(await task)  # main yields here
    print(*results)


asyncio.run(main())
