# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 002_960a738dceb5080c.txt, block 8 (lines 252-281)
# demonstrates: CPU-bound prime checks run one after the other (no asyncio)
# edits: none (the block as published)

# Chapter09/example1.py

from math import sqrt

def is_prime(x):
    print('Processing %i...' % x)

    if x < 2:
        print('%i is not a prime number.' % x)

    elif x == 2:
        print('%i is a prime number.' % x)

    elif x % 2 == 0:
        print('%i is not a prime number.' % x)

    else:
        limit = int(sqrt(x)) + 1
        for i in range(3, limit, 2):
            if x % i == 0:
                print('%i is not a prime number.' % x)
                return

        print('%i is a prime number.' % x)

if __name__ == '__main__':

    is_prime(9637529763296797)
    is_prime(427920331)
    is_prime(157)
