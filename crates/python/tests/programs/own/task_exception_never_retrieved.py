# A task that fails while nobody awaits it: nothing is printed when it fails; when the
# task object is destroyed, asyncio logs "Task exception was never retrieved" to stderr
# (stderr_lines), and the program itself ends normally.
import asyncio
import gc


async def fails():
    await asyncio.sleep(0.5)
    print("fails: raising")
    raise ValueError("nobody saw this")


async def main():
    task = asyncio.create_task(fails())
    await asyncio.sleep(1)
    print("main: task done:", task.done(), "- dropping the last reference")
    del task
    gc.collect()
    print("main: carries on")
    # A task whose exception is retrieved logs nothing.
    t2 = asyncio.create_task(fails())
    await asyncio.sleep(1)
    print("main: retrieved", repr(t2.exception()))


asyncio.run(main())
print("program end")
