# Task names: asyncio.run's main task is Task-1; create_task numbers the rest Task-2, ...
# (one counter per program, also counting tasks gather/ensure_future make, and -- in
# 3.11 -- tasks given a name=, which still use up a number: the gather below gets
# Task-4/Task-5, not Task-3/Task-4); set_name() renames. Task reprs show name and state.
import asyncio


async def who(tag):
    task = asyncio.current_task()
    print(tag, "runs as", task.get_name())
    await asyncio.sleep(0.1)
    return task.get_name()


async def main():
    print("main is", asyncio.current_task().get_name())
    t = asyncio.create_task(who("unnamed"))
    n = asyncio.create_task(who("named"), name="worker-7")
    await asyncio.gather(t, n)
    print(await asyncio.gather(who("g1"), who("g2")))
    e = asyncio.ensure_future(who("ensured"))
    e.set_name("renamed")
    await e
    print(len(asyncio.all_tasks()), "task(s) alive:", asyncio.current_task() in asyncio.all_tasks())
    done = asyncio.create_task(asyncio.sleep(0, result="r"), name="short")
    await done
    print(repr(done).split(" coro=")[0] + ">")


asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError as e:
    print("outside the loop:", e)
