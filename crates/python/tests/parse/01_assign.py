x = 1
a = b = c = 0
a, b = 1, 2
(a, b) = [1, 2]
[a, b] = (1, 2)
a, *rest = range(5)
*init, last = "abc"
first, *middle, final = [1, 2, 3, 4]
a, (b, c) = 1, (2, 3)
[a, [b, *c]] = [1, [2, 3, 4]]
obj.attr = 5
obj.a.b = 6
items[0] = 7
items[1:2] = [8]
items[i][j] = 9
x, = [1]
x = y = z, w = 1, 2
t = 1,
t = ()
x += 1
x -= 1
x *= 2
x @= m
x /= 3
x %= 4
x **= 2
x <<= 1
x >>= 1
x |= 1
x ^= 1
x &= 1
x //= 2
obj.n += 1
items[0] -= 2
count: int = 0
name: str
obj.field: "List[int]" = []
items[0]: int = 1
(paren): int = 2
total: float = x + y
value = yield_ = 3
