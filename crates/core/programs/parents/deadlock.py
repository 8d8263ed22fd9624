import asyncio

HOLD = 1  # param: hold

washer = asyncio.Lock()
dryer = asyncio.Lock()


async def parent(who, first, second):
    async with first:
        print(f"{who} takes the first machine")
        await asyncio.sleep(HOLD)
        print(f"{who} reaches for the other machine")
        async with second:  # held by the other parent
            print(f"{who} moved the laundry")


async def main():
    a = parent("Parent A", dryer, washer)
    b = parent("Parent B", washer, dryer)
    await asyncio.gather(
        asyncio.create_task(a, name="Parent A"),
        asyncio.create_task(b, name="Parent B"),
    )  # never returns: each waits for the other


asyncio.run(main())
