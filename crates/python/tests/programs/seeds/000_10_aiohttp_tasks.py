# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 000_415eb0bbfdfb4bc4.txt, block 10 (lines 584-626)
# demonstrates: two asyncio tasks fetching URLs with aiohttp.ClientSession (fake network: 0.1 s per request) while sharing a Queue
# edits:
#   - stripped the line numbers 1-43 printed before every line (lines inside the docstring keep only the one space the numbering left: their indentation inside the string is lost)

import asyncio
import aiohttp
from codetiming import Timer

async def task(name, work_queue):
    timer = Timer(text=f"Task {name} elapsed time: {{:.1f}}")
    async with aiohttp.ClientSession() as session:
        while not work_queue.empty():
            url = await work_queue.get()
            print(f"Task {name} getting URL: {url}")
            timer.start()
            async with session.get(url) as response:
                await response.text()
            timer.stop()

async def main():
    """
 This is the main entry point for the program
 """
    # Create the queue of work
    work_queue = asyncio.Queue()

    # Put some work in the queue
    for url in [
        "http://google.com",
        "http://yahoo.com",
        "http://linkedin.com",
        "http://apple.com",
        "http://microsoft.com",
        "http://facebook.com",
        "http://twitter.com",
    ]:
        await work_queue.put(url)

    # Run the tasks
    with Timer(text="\nTotal elapsed time: {:.1f}"):
        await asyncio.gather(
            asyncio.create_task(task("One", work_queue)),
            asyncio.create_task(task("Two", work_queue)),
        )

if __name__ == "__main__":
    asyncio.run(main())
