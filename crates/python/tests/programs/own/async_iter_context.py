# Class-based async iterators and async context managers: __aiter__/__anext__ with
# StopAsyncIteration, __aenter__/__aexit__ receiving the exception (and suppressing it
# when returning True), plus an async generator and an async comprehension.
import asyncio


class Ticker:
    def __init__(self, n, delay):
        self.n, self.delay, self.i = n, delay, 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.i += 1
        return self.i


class Guard:
    def __init__(self, name, suppress):
        self.name, self.suppress = name, suppress

    async def __aenter__(self):
        print(f"enter {self.name}")
        await asyncio.sleep(0.1)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        print(f"exit {self.name}: {exc_type.__name__ if exc_type else None} {exc!r}")
        return self.suppress


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0.5)
        yield i * i


async def main():
    loop = asyncio.get_running_loop()
    async for v in Ticker(3, 0.25):
        print("tick", v, "at", loop.time())
    async with Guard("quiet", suppress=True) as g:
        print("inside", g)
        raise LookupError("swallowed")
    print("after the suppressed exception")
    try:
        async with Guard("loud", suppress=False):
            raise LookupError("propagates")
    except LookupError as e:
        print("caught", repr(e))
    print([x async for x in agen(4)], "at", loop.time())
    print([x async for x in Ticker(5, 0) if x % 2])


asyncio.run(main())
