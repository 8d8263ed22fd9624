# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 003_43c47467de18fd97.txt, block 0 (lines 28-44)
# demonstrates: asyncio.gather of two sleeping tasks (5 s and 10 s) printing datetime.now() and __file__; total 10 s
# edits:
#   - block line 6: the comment `# or do some IO operation` was merged with the next statement: ended the line after the comment and put `print(...)` on its own line
#   - removed the markdown bold markers (**) around keywords and strings

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
