# Generator-based coroutines (@asyncio.coroutine + yield from), as Python 3.4-3.10 ran
# them. Removed in 3.11: plain CPython 3.11 ends at the decorator with "AttributeError:
# module 'asyncio' has no attribute 'coroutine'". AwaitLab accepts them, so the golden run
# uses the runner's --legacy-coroutine (3.10's decorator put back).
# golden: runner_args=--legacy-coroutine
import asyncio


@asyncio.coroutine
def inner(x):
    yield from asyncio.sleep(1)
    return x * 2


@asyncio.coroutine
def outer():
    a = yield from inner(1)
    b = yield from inner(a)
    print("outer got", a, b)
    return a + b


async def modern():
    # A native coroutine can await a generator-based one.
    return await outer()


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)  # gather() outside a running loop uses the current loop
print("result:", loop.run_until_complete(modern()), "at", loop.time())
print(loop.run_until_complete(asyncio.gather(inner(5), inner(6))), "at", loop.time())
loop.close()
