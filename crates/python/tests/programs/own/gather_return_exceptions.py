# gather(return_exceptions=True) puts exceptions in the result list (argument order)
# instead of raising; the other awaitables run to the end.
import asyncio


async def ok(n, delay):
    await asyncio.sleep(delay)
    print("ok", n)
    return n * 10


async def bad(msg, delay):
    await asyncio.sleep(delay)
    print("raising", msg)
    raise ValueError(msg)


async def main():
    results = await asyncio.gather(ok(1, 0.3), bad("boom", 0.1), ok(2, 0.2), bad("bang", 0.4),
                                   return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r))
    print([str(r) for r in results])


asyncio.run(main())
