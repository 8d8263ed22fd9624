# Task.cancel() raises CancelledError inside the task at its current await; finally
# blocks and __aexit__ run (and may await) before the task ends cancelled; awaiting the
# task then raises CancelledError in the awaiter.
import asyncio


class Resource:
    async def __aenter__(self):
        print("  aenter")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("  aexit with", exc_type.__name__ if exc_type else None)
        await asyncio.sleep(0.5)  # cleanup may await
        print("  aexit done at", asyncio.get_running_loop().time())
        return False


async def worker():
    try:
        async with Resource():
            print("  working")
            await asyncio.sleep(10)
            print("  never printed")
    finally:
        print("  finally")


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print("cancel() ->", task.cancel(), "at", loop.time())
    print("done right after cancel():", task.done())
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting the task raised CancelledError at", loop.time())
    print("cancelled():", task.cancelled(), "done():", task.done())
    print("cancel() again ->", task.cancel())
    print("CancelledError is a BaseException:",
          issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))


asyncio.run(main())
