import asyncio

CLEANUP = 1  # param: cleanup


class Manager:
    def __init__(self, value):
        self.value = value

    async def __aenter__(self):
        print("__aenter__ called")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("__aexit__ called", exc_type)
        await asyncio.sleep(CLEANUP)  # awaited cleanup
        print("cleanup done")

    async def do_something(self):
        return self.value


async def main():
    async with Manager("test") as manager:
        print("inside async with")
        print(await manager.do_something())
    print("after async with")


asyncio.run(main())
