# loop.run_in_executor(None, f): f runs in the default thread pool; its blocking
# time.sleep advances the virtual clock (one job at a time here: several parallel jobs
# would share that clock, which is not faithful, so such programs run in scaled mode).
import asyncio
import time


def blocking(n):
    time.sleep(n)
    return f"slept {n}"


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    print(await loop.run_in_executor(None, blocking, 1.5), "at", time.perf_counter() - start)
    print(await loop.run_in_executor(None, sum, [1, 2, 3]), "at", loop.time())
    fut = loop.run_in_executor(None, blocking, 0.5)
    print("executor future:", type(fut).__name__, asyncio.isfuture(fut))
    print(await asyncio.wait_for(fut, timeout=10), "at", loop.time())


asyncio.run(main())
