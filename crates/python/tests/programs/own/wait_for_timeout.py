# asyncio.wait_for cancels the awaited coroutine on timeout (its finally runs) and raises
# TimeoutError; in 3.11 asyncio.TimeoutError is the builtin TimeoutError and prints as
# such. asyncio.timeout() (new in 3.11) does the same as a context manager.
# golden: expect_error=TimeoutError
import asyncio


async def slow(delay):
    try:
        await asyncio.sleep(delay)
        return "finished"
    except asyncio.CancelledError:
        print("  slow: cancelled at", asyncio.get_running_loop().time())
        raise
    finally:
        print("  slow: finally")


async def main():
    loop = asyncio.get_running_loop()
    print("in time:", await asyncio.wait_for(slow(1), timeout=2), "at", loop.time())
    try:
        await asyncio.wait_for(slow(5), timeout=1.5)
    except asyncio.TimeoutError as e:
        print("timed out at", loop.time(), type(e).__name__, repr(e),
              asyncio.TimeoutError is TimeoutError)
    try:
        async with asyncio.timeout(0.5):
            await slow(10)
    except TimeoutError as e:
        print("asyncio.timeout expired at", loop.time(), type(e).__name__)
    # The exception escaping: its last traceback line is just "TimeoutError".
    await asyncio.wait_for(slow(3), timeout=0.25)


asyncio.run(main())
