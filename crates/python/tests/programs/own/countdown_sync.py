# The same countdown with blocking time.sleep: one after the other, 3 x 1 + 3 x 0.8 +
# 3 x 0.5 = 6.9 virtual seconds (the float sum printed by repr at the end).
import time


def count_down(name, delay):
    indents = (ord(name) - ord('A')) * '\t'

    n = 3
    while n:
        time.sleep(delay)

        duration = time.perf_counter() - start
        print('-' * 40)
        print('%.4f \t%s%s = %i' % (duration, indents, name, n))

        n -= 1


start = time.perf_counter()

count_down('A', 1)
count_down('B', 0.8)
count_down('C', 0.5)

print('-' * 40)
print('Done.')
print('total %r' % (time.perf_counter() - start))
