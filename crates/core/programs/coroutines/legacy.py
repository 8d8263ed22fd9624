import asyncio

DELAY = 2  # param: delay


# Python 3.4's spelling (gone since 3.11): a
# generator decorated as a coroutine.
@asyncio.coroutine
def func1():
    print("1")
    yield from asyncio.sleep(DELAY)
    print("2")


@asyncio.coroutine
def func2():
    print("3")
    yield from asyncio.sleep(DELAY)
    print("4")


loop = asyncio.get_event_loop()
tasks = [loop.create_task(func1(), name="func1"),
         loop.create_task(func2(), name="func2")]
loop.run_until_complete(asyncio.wait(tasks))
