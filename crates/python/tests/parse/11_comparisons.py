a < b
a < b < c
a <= b >= c == d != e
a is b
a is not b
a in b
a not in b
a < b is not c not in d
x == 1 and y == 2 or z
not a == b
a and b and c
a or b or c
a and (b or c)
(a or b) and c
not x in y
1 < 2 > 1
a if a > b else b
(a < b) == (c < d)
x is None
x is not None and y in [1, 2]
