import asyncio
import datetime
async def task(duration):
    print("starting task", datetime.datetime.now())
    await asyncio.sleep(duration)  # or do some IO operation
    print("stopping task", datetime.datetime.now())
async def main():
    # We execute 2 task with sleep duration of 5 seconds and 10 seconds.
    await asyncio.gather(task(5), task(10))
if __name__ == "__main__":
    import time
    s = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    print(f"{__file__} executed in {elapsed:0.2f} seconds.")
