# operator: the operators as functions (arithmetic, comparisons, containment, item access,
# truth), with reduce and sorted, and the itemgetter / attrgetter / methodcaller callables
# with their reprs and errors.
import functools
import operator
from operator import attrgetter, itemgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul("ab", 2), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(5))
print(operator.lt(1, 2), operator.ge(1, 2), operator.eq([1], [1]), operator.ne(1, 1.0))
print(operator.is_(None, None), operator.is_not(1, None), operator.not_([]), operator.truth("x"))
print(operator.contains([1, 2], 2), operator.concat([1], [2]), operator.and_(6, 3), operator.or_(6, 3))
print(operator.xor(6, 3), operator.invert(5), operator.abs(-2.5), operator.index(7))
print(functools.reduce(operator.mul, range(1, 8)), functools.reduce(operator.add, ["a", "b", "c"]))
d = {"a": 1}
operator.setitem(d, "b", 2)
print(operator.getitem(d, "b"), d)
operator.delitem(d, "a")
print(d)

rows = [("bob", 25, "b"), ("alice", 30, "a"), ("carol", 25, "c")]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(1, 0)))
print(itemgetter(0)("xyz"), itemgetter(slice(1, None))("xyz"), itemgetter("k")({"k": "v"}))
print(list(map(itemgetter(0), rows)))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self.inner = self if x == 0 else None

    def scaled(self, k, offset=0):
        return (self.x * k + offset, self.y * k + offset)


p = Point(0, 2)
print(attrgetter("x")(p), attrgetter("x", "y")(p), attrgetter("inner.y")(p))
print(methodcaller("scaled", 3)(p), methodcaller("scaled", 2, offset=1)(p))
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"))
print(repr(itemgetter(1)), repr(itemgetter("a", 2)), repr(attrgetter("x", "inner.y")))
print(repr(methodcaller("scaled", 2, offset=1)))
try:
    itemgetter(5)([1, 2])
except IndexError as e:
    print("IndexError:", e)
try:
    attrgetter("z")(p)
except AttributeError as e:
    print("AttributeError:", e)
try:
    operator.add(1, "a")
except TypeError as e:
    print("TypeError:", e)
