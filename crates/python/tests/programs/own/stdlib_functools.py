# functools: partial (call, nesting, repr pieces, keywords), reduce (with and without an
# initial value, its errors), wraps copying the name, lru_cache and cache
# (memoised recursion, cache_info, eviction order, cache_clear), cmp_to_key and
# total_ordering.
import asyncio
import functools
from functools import lru_cache, partial, reduce, wraps


def power(base, exponent, *, scale=1):
    return scale * base**exponent


square = partial(power, exponent=2)
cube = partial(power, exponent=3, scale=10)
print(square(4), cube(2), cube(2, scale=1))
print(square.func is power, square.args, square.keywords)
two_to = partial(power, 2)
print(two_to(10), two_to.args)
nested = partial(two_to, scale=3)
print(nested.func is power, nested.args, nested.keywords, nested(3))
print(repr(partial(max, 1, 2)))
print(type(square).__name__, callable(square))
try:
    partial(42)
except TypeError as e:
    print("TypeError:", e)

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 6), 100))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde"], 0))
print(reduce(max, [3], 0), reduce(max, [], "empty"))
for bad in ([], 5):
    try:
        reduce(lambda a, b: a, bad)
    except TypeError as e:
        print("TypeError:", e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__}{args}")
        return func(*args, **kwargs)

    return wrapper


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


print(add(2, 3), add.__name__, add.__qualname__)
print(add.__wrapped__(5, 5))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
print(fib(10), fib.cache_info().hits, fib.cache_info()[1])


@functools.lru_cache(maxsize=2)
def slow_square(x):
    print("computing", x)
    return x * x


for x in [1, 2, 1, 3, 2, 1]:
    slow_square(x)
print(slow_square.cache_info())


@functools.cache
def letters(word):
    print("counting", word)
    return len(set(word))


print(letters("hello"), letters("hello"), letters.cache_info())

try:
    slow_square([1])
except TypeError as e:
    print("TypeError:", e)


@lru_cache
def plain(x):
    return x + 1


print(plain(1), plain(1), plain.cache_info())


def compare_len(a, b):
    return len(a) - len(b)


print(sorted(["ccc", "a", "bb", "dddd", ""], key=functools.cmp_to_key(compare_len)))


@functools.total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


a, b = Version(1, 2), Version(1, 10)
print(a < b, a > b, a <= b, a >= b, a == Version(1, 2))
print(sorted([b, a, Version(0, 9)]), max(a, b))


async def greet(name, delay):
    await asyncio.sleep(delay)
    return f"hello {name}"


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(partial(greet, "a")(0.2), partial(greet, delay=0.1)("b"))
    print(results, loop.time())
    loop.call_soon(partial(print, "called soon", sep=": "))
    await asyncio.sleep(0)


asyncio.run(main())
