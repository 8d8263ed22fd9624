import asyncio
import time

EVERY = 15  # param: interval
DUE = [40, 50, 27]  # param: chores
CHORES = ["washer", "dryer", "children"]

buzzed = {}  # chore -> when its buzzer went


async def chore(name, minutes):
    await asyncio.sleep(minutes)
    print(f"{name} buzzes")
    buzzed[name] = time.perf_counter()


async def parent(chores):
    waiting = list(chores)
    checks = wasted = 0
    worst, worst_chore = 0.0, "none"
    while waiting:
        await asyncio.sleep(EVERY)  # then look
        for name in list(waiting):
            checks += 1
            if name not in buzzed:
                wasted += 1  # looked too early
                continue
            late = time.perf_counter() - buzzed[name]
            print(f"{name}: handled {late:.1f} late")
            if late > worst:
                worst, worst_chore = late, name
            waiting.remove(name)
    print(f"{checks} checks, {wasted} wasted; "
          f"worst wait {worst:.1f} ({worst_chore})")


async def main():
    chores = CHORES[:len(DUE)]
    tasks = [  # kept: the loop holds tasks weakly
        asyncio.create_task(chore(name, due), name=name)
        for name, due in zip(chores, DUE)
    ]
    await asyncio.create_task(parent(chores), name="parent")


asyncio.run(main())
