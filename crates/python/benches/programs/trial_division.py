# Benchmark: counting primes below a limit by trial division — the inner loop of the
# `primes` lesson, as plain Python arithmetic. Prints its own elapsed time, read with
# time.perf_counter() (in AwaitLab, the run's clock; run at 1000 ms per second, real time).
import time


def count_primes(limit):
    count = 0
    n = 2
    while n < limit:
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
        n += 1
    return count


start = time.perf_counter()
found = count_primes(100000)
elapsed = time.perf_counter() - start
print("primes", found)
print("elapsed", elapsed)
