import asyncio
import time

DUE = [40, 50, 27]  # param: chores
CHORES = ["washer", "dryer", "children"]


async def chore(name, minutes, buzzer):
    await asyncio.sleep(minutes)
    print(f"{name} buzzes")
    buzzer.put_nowait((name, time.perf_counter()))


async def parent(buzzer, count):
    worst = 0.0
    for _ in range(count):
        name, when = await buzzer.get()  # sleeps until then
        worst = max(worst, time.perf_counter() - when)
        print(f"{name}: handled at once")
    print(f"{count} wake-ups, 0 wasted; "
          f"worst wait {worst:.1f}")


async def main():
    buzzer = asyncio.Queue()
    tasks = [
        asyncio.create_task(chore(n, due, buzzer), name=n)
        for n, due in zip(CHORES, DUE)
    ]
    job = parent(buzzer, len(tasks))
    await asyncio.create_task(job, name="parent")


asyncio.run(main())
