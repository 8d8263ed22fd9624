import asyncio

COUNT = 10  # param: count
DELAY = 0  # param: delay


class Counter:
    def __init__(self, stop, delay):
        self.num = 0
        self.stop = stop
        self.delay = delay

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.num += 1
        if self.num > self.stop:
            raise StopAsyncIteration
        return self.num


async def main():
    async for i in Counter(COUNT, DELAY):
        print(i)


asyncio.run(main())
