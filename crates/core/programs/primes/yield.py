import asyncio
import math
import time

# param: numbers
NUMBERS = [9637529763296797, 427920331, 157]
EVERY = 100000  # param: yield-every


async def is_prime(n):
    if n % 2 == 0:
        return n == 2
    divisors = range(3, math.isqrt(n) + 1, 2)
    for tried, d in enumerate(divisors):
        if tried and tried % EVERY == 0:
            await asyncio.sleep(0)  # the loop's turn
        if n % d == 0:
            return False
    return True


async def check(n):
    print(f"Processing {n}...")
    word = "a" if await is_prime(n) else "not a"
    print(f"{n} is {word} prime number.")


async def main():
    await asyncio.gather(*(
        asyncio.create_task(check(n), name=f"is_prime({n})")
        for n in NUMBERS
    ))


start = time.perf_counter()
asyncio.run(main())
took = time.perf_counter() - start
print(f"Took {took:.2f} seconds.")
