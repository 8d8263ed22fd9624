# A program that never ends: the runner stops it at the virtual-time limit (3600 virtual
# seconds by default) instead of hanging the tests; the lines printed so far are kept.
# golden: expect_error=VirtualTimeLimit: the program ran for more than 3600 virtual seconds (runaway?)
import asyncio


async def forever():
    n = 0
    while True:
        await asyncio.sleep(60)
        n += 1
        if n % 20 == 0:
            print("still running after", n, "minutes")


asyncio.run(forever())
