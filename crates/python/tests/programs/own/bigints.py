# Integers past 64 bits, as Python has them: powers, factorials, floor division and modulo
# with negative operands, overflow of += into a big int, formatting with grouping and width,
# true division to float, shifts, sums and sorting of mixed sizes, int() of big floats.
import math
print(2 ** 100, -2 ** 64, 2 ** 63, -(2**63), 10**20 // 7, 10**20 % 7, divmod(-10**25, 3))
print(math.factorial(30), math.factorial(20), int("123456789012345678901234567890"))
x = 9223372036854775807
x += 1
print(x, x - 1, type(x), x > 2**62, x == 2**63, hash(2**63) == hash(2**63))
print(f"{2**70:,}", f"{2**70:>30}", str(2**200), 2**100 / 2**99, float(2**80))
print(sum([2**62, 2**62, 2**62]), abs(-2**70), (2**64) >> 3, 1 << 70, sorted([2**70, 5, -2**66]))
print(int(1e20), int(-1.5e19))
