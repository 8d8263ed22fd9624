# itertools: the infinite iterators (count, cycle, repeat) stopped by break and islice, the
# combinatorics (product, permutations, combinations), chain, accumulate, groupby with
# shared groups, zip_longest, takewhile/dropwhile, starmap, filterfalse, compress,
# pairwise and tee, their reprs and type names, and their errors.
import asyncio
import itertools
import operator
from itertools import count, cycle, islice, repeat

for i in count(10, 5):
    if i > 25:
        break
    print("count", i)
c = count(3)
print(next(c), next(c), repr(c), repr(count(1.5, 0.5)), repr(count(2, 1)))
print(list(islice(count(), 5)), list(islice(count(0.5, 0.25), 3)))
print(list(islice(cycle("ab"), 5)), list(cycle([])))
r = repeat("x", 3)
print(repr(r), list(r), repr(r), list(repeat(7, -2)), repr(repeat(None)))
print(list(map(pow, range(4), repeat(2))))

print(list(itertools.chain([1, 2], "ab", (3,))))
print(list(itertools.chain.from_iterable([[1], [2, 3], []])))
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, 4)), list(islice("abcdefg", 1, None, 2)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
for bad in [(-1,), (0, -1), (-3, 2), (0, -2), (0, 5, 0), ("x",), (1, 2, "s")]:
    try:
        islice("abc", *bad)
    except ValueError as e:
        print("ValueError:", e)

print(list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.accumulate([1, 2, 3, 4], operator.mul)))
print(list(itertools.accumulate([3, 1, 4, 1, 5], max)), list(itertools.accumulate([1, 2], initial=100)))
print(list(itertools.accumulate(["a", "b", "c"])))

print(list(itertools.product("ab", [0, 1])))
print(len(list(itertools.product(range(3), repeat=3))), list(itertools.product()))
print(list(itertools.product("ab", [])))
print(list(itertools.permutations("abc", 2)))
print(list(itertools.permutations(range(3))))
print(list(itertools.permutations("ab", 3)))
print(list(itertools.combinations("abcd", 2)), list(itertools.combinations("ab", 3)))
print(list(itertools.combinations_with_replacement("abc", 2)))
try:
    itertools.combinations("ab", -1)
except ValueError as e:
    print("ValueError:", e)

for key, group in itertools.groupby("aaabccdaa"):
    print(key, list(group))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
for letter, group in itertools.groupby(words, key=lambda w: w[0]):
    print(letter, ", ".join(group))
groups = [(k, g) for k, g in itertools.groupby("aabbc")]
print([(k, list(g)) for k, g in groups])
print([k for k, _ in itertools.groupby([1, 1, 2, 3, 3])])

print(list(itertools.zip_longest("abc", [1, 2])))
print(list(itertools.zip_longest("ab", "xyz", fillvalue="-")))
print(list(itertools.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(itertools.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(itertools.starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(itertools.filterfalse(lambda x: x % 2, range(10))), list(itertools.filterfalse(None, [0, 1, "", "a"])))
print(list(itertools.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(itertools.pairwise("ABCD")), list(itertools.pairwise("A")))
a, b = itertools.tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a))
x, y, z = itertools.tee("xy", 3)
print(list(x), list(y), list(z))

print(type(count()).__name__, type(itertools.chain()).__name__, type(islice("", 1)).__name__)
print(isinstance(count(), itertools.count), iter(c) is c)
try:
    count("a")
except TypeError as e:
    print("TypeError:", e)
try:
    next(islice([], 1))
except StopIteration:
    print("StopIteration")


async def worker(name, delays):
    for n, delay in zip(count(1), delays):
        await asyncio.sleep(delay)
        print(name, "step", n)


async def main():
    await asyncio.gather(worker("a", repeat(0.3, 3)), worker("b", islice(cycle([0.25, 0.45]), 4)))


asyncio.run(main())
