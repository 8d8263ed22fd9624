import math
import time

# param: numbers
NUMBERS = [9637529763296797, 427920331, 157]


def is_prime(n):
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:  # pure CPU work
            return False
    return True


start = time.perf_counter()
for n in NUMBERS:  # one after another
    print(f"Processing {n}...")
    word = "a" if is_prime(n) else "not a"
    print(f"{n} is {word} prime number.")
took = time.perf_counter() - start
print(f"Took {took:.2f} seconds.")
