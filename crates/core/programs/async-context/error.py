import asyncio

CLEANUP = 1  # param: cleanup


class Manager:
    async def __aenter__(self):
        print("__aenter__ called")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("__aexit__ called", exc_type)
        await asyncio.sleep(CLEANUP)  # runs all the same
        print("cleanup done")
        return False  # let the error go on


async def main():
    try:
        async with Manager():
            print("inside async with")
            raise ValueError("boom")
    except ValueError as e:
        print("main caught", repr(e))


asyncio.run(main())
