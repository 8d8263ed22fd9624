import asyncio
import time

import aiohttp

# param: urls
URLS = ["data/a.json", "data/b.json", "data/c.json", "data/d.json", "data/e.json", "data/f.json", "data/g.json"]
TASKS = 2  # param: tasks
# param: latency
LATENCY_MS = [300, 800, 400, 300, 500, 500, 400]
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


async def task(name, work, http):
    while not work.empty():
        url, extra = await work.get()
        print(f"Task {name} getting URL: {url}")
        t0 = time.perf_counter()
        await asyncio.sleep(extra)  # added latency
        async with http.get(url) as response:  # yields
            response.raise_for_status()
            await response.text()
        took = time.perf_counter() - t0
        print(f"Task {name} elapsed time: {took:.1f}")


async def main():
    latency_ms = LATENCY_MS
    if len(latency_ms) == 1:  # one latency for every URL
        latency_ms = latency_ms * len(URLS)
    work = asyncio.Queue()
    for url, ms in zip(URLS, latency_ms):
        work.put_nowait((url, ms / 1000))
    start = time.perf_counter()
    async with aiohttp.ClientSession() as http:
        tasks = [
            asyncio.create_task(task(n, work, http), name=n)
            for n in NAMES[:TASKS]
        ]
        await asyncio.gather(*tasks)
    total = time.perf_counter() - start
    print(f"Total elapsed time: {total:.1f}")


asyncio.run(main())
