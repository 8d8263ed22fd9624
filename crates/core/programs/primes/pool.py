import asyncio
import math
import time
from concurrent.futures import ProcessPoolExecutor

# param: numbers
NUMBERS = [9637529763296797, 427920331, 157]
WORKERS = 0  # param: workers


def is_prime(n):
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:  # pure CPU work, on a worker
            return False
    return True


async def check(pool, n):
    loop = asyncio.get_running_loop()
    print(f"Processing {n}...")
    prime = await loop.run_in_executor(pool, is_prime, n)
    word = "a" if prime else "not a"
    print(f"{n} is {word} prime number.")


async def main():
    # WORKERS = 0: one per core
    with ProcessPoolExecutor(WORKERS or None) as pool:
        await asyncio.gather(*(
            asyncio.create_task(
                check(pool, n), name=f"is_prime({n})")
            for n in NUMBERS
        ))


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    took = time.perf_counter() - start
    print(f"Took {took:.2f} seconds.")
