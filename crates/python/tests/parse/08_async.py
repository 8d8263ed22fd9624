import asyncio

async def fetch(n):
    await asyncio.sleep(0.1)
    return n * 2

async def gen():
    for i in range(3):
        yield i
        await asyncio.sleep(0)

async def main():
    result = await fetch(1)
    results = await asyncio.gather(*(fetch(i) for i in range(3)))
    task = asyncio.create_task(fetch(2))
    done, pending = await asyncio.wait([task], timeout=1.0)
    async for x in gen():
        print(x)
    else:
        print("exhausted")
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
    values = [x async for x in gen()]
    squares = {x: x * x async for x in gen() if x}
    total = sum([await fetch(i) for i in range(3)])
    gen2 = (await fetch(i) for i in range(3))
    await asyncio.sleep(1) or await fetch(2)
    x = -await fetch(3)
    y = await fetch(4) ** 2
    z = await obj.method().attr[0]
    return result

asyncio.run(main())
