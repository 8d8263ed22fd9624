# Three coroutines count down concurrently on the event loop (the book's example2).
# Virtual clock: C (0.5 s) fires first, then B (0.8 s), then A (1 s); the elapsed
# prints are exact sums of the delays; the whole run takes max(3 x 1, 3 x 0.8, 3 x 0.5)
# = 3.0 virtual seconds.
import asyncio
import time


async def count_down(name, delay):
    indents = (ord(name) - ord('A')) * '\t'

    n = 3
    while n:
        await asyncio.sleep(delay)

        duration = time.perf_counter() - start
        print('-' * 40)
        print('%.4f \t%s%s = %i' % (duration, indents, name, n))

        n -= 1


async def main():
    await asyncio.gather(
        count_down('A', 1),
        count_down('B', 0.8),
        count_down('C', 0.5),
    )


start = time.perf_counter()
asyncio.run(main())

print('-' * 40)
print('Done.')
print('total %r' % (time.perf_counter() - start))
