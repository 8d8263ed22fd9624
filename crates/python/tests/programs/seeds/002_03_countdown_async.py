# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 002_960a738dceb5080c.txt, block 3 (lines 152-165), block 4 (lines 171-184)
# demonstrates: three count_down coroutines on one loop (loop.create_task, run_until_complete(asyncio.wait)): 3.0 s, C/B/A interleaved
# edits:
#   - added `import asyncio` and `import time` (the book's example2.py has them; the excerpts omit them)
#   - joined block 4 (the second half of Chapter10/example2.py)
#   - appended block 4

import asyncio
import time

# Chapter10/example2.py

async def count_down(name, delay):
    indents = (ord(name) - ord('A')) * '\t'

    n = 3
    while n:
        await asyncio.sleep(delay)

        duration = time.perf_counter() - start
        print('-' * 40)
        print('%.4f \t%s%s = %i' % (duration, indents, name, n))

        n -= 1

# Chapter10/example2.py

loop = asyncio.get_event_loop()
tasks = [
    loop.create_task(count_down('A', 1)),
    loop.create_task(count_down('B', 0.8)),
    loop.create_task(count_down('C', 0.5))
]

start = time.perf_counter()
loop.run_until_complete(asyncio.wait(tasks))

print('-' * 40)
print('Done.')
