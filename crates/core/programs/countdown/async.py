import asyncio
import time

LETTERS = ["A", "B", "C"]  # param: letters
DELAYS = [1, 0.8, 0.5]  # param: delays
COUNT = 3  # param: count


async def count_down(name, delay, column):
    indent = "\t" * column
    for n in range(COUNT, 0, -1):
        await asyncio.sleep(delay)  # gives the loop back
        t = time.perf_counter() - start
        print(f"{t:.4f} \t{indent}{name} = {n}")


async def main():
    tasks = []
    for column, name in enumerate(LETTERS):
        coro = count_down(name, DELAYS[column], column)
        tasks.append(asyncio.create_task(coro, name=name))
    await asyncio.wait(tasks)
    print("Done.")


start = time.perf_counter()
asyncio.run(main())
