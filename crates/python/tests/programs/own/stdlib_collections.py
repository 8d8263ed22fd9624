# collections: deque (both ends, maxlen, rotate, indexing, its errors), defaultdict (int,
# list and set factories, nested, __missing__, dict methods), Counter (counting, most_common
# order, arithmetic, update/subtract, elements, total), OrderedDict (move_to_end, popitem,
# subclassed as an LRU cache) and namedtuple (fields, defaults, _asdict, _replace, _make,
# a subclass), with their reprs (containers holding themselves too) and errors.
import asyncio
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, list(reversed(d)))
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft([8, 9])
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d, d.index("a"), d.count(2))
d[1] = "x"
del d[0]
d.insert(1, "ins")
d.remove("b")
print(d, d == deque(d), d != deque([1]), bool(deque()))
d.reverse()
print(d, d + deque([7]), deque("ab") < deque("b"))
last3 = deque(maxlen=3)
for i in range(6):
    last3.append(i)
print(last3, last3.maxlen, deque(range(10), 2), deque([], maxlen=0))
last3.appendleft(-1)
print(last3, last3.copy(), list(last3))
for op in ("pop", "popleft"):
    try:
        getattr(deque(), op)()
    except IndexError as e:
        print("IndexError:", e)
for bad in (lambda: deque([1])[5], lambda: deque([1]).remove(9), lambda: deque([1]).index(7),
            lambda: deque(maxlen=-1), lambda: deque([1], 1).insert(0, 2), lambda: deque()["a"]):
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

counts = defaultdict(int)
for word in "the cat and the hat and the bat".split():
    counts[word] += 1
print(counts, counts["the"], counts["dog"], len(counts))
groups = defaultdict(list)
for name in ["ann", "bob", "al", "bea", "cy"]:
    groups[name[0]].append(name)
print(dict(groups), sorted(groups.items()), list(groups.keys()))
tree = defaultdict(lambda: defaultdict(set))
tree["a"]["x"].add(1)
tree["a"]["x"].add(2)
print(tree["a"]["x"], "b" in tree, tree.get("b"), tree.default_factory is not None)
plain = defaultdict(None, {"k": 1})
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
print(plain, defaultdict(str).default_factory, plain.copy())
print(counts.setdefault("new", 5), counts.pop("cat"), {**counts}, counts == dict(counts))
try:
    defaultdict(42)
except TypeError as e:
    print("TypeError:", e)

c = Counter("mississippi")
print(c)
print(c.most_common(2), c.most_common()[-1], c["s"], c["z"], len(c))
c.update("sip")
c.subtract({"i": 2})
print(c, c.total(), sorted(c.elements())[:5])
a, b = Counter(a=3, b=1), Counter(a=1, b=2, c=1)
print(a + b, a - b, a | b, a & b, -Counter(x=-2, y=1), +Counter(x=-2, y=1))
a += Counter(a=1)
print(a, a == Counter(a=4, b=1, z=0), Counter() == Counter(), Counter(a=1) == {"a": 1})
del a["missing"]
print(Counter(["x", "y", "x"]).most_common(1), dict(Counter(b=2, a=2)), list(Counter("cab")))
words = Counter(w.lower() for w in "A a B b b C".split())
print(words, max(words, key=words.get), sum(words.values()))

od = OrderedDict()
od["b"] = 2
od["a"] = 1
od["c"] = 3
od.move_to_end("b")
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od2 = OrderedDict([("x", 1), ("y", 2)])
od2.move_to_end("y", last=False)
print(od2, od2 == OrderedDict([("y", 2), ("x", 1)]), od2 == {"x": 1, "y": 2}, OrderedDict())
print(OrderedDict.fromkeys("ab", 0), list(reversed(od2)), od2.get("x"), od2.keys())
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)


class LRUCache(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity

    def get_item(self, key):
        if key not in self:
            return -1
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)


cache = LRUCache(2)
cache.put(1, "one")
cache.put(2, "two")
cache.get_item(1)
cache.put(3, "three")
print(cache, cache.get_item(2), len(cache), isinstance(cache, OrderedDict))

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p[-1], len(p), tuple(p), list(p), p == (1, 2), p == Point(1, 2))
x, y = p
print(x, y, p._asdict(), p._replace(y=5), Point._make([7, 8]), Point._fields)
Card = namedtuple("Card", "rank suit", defaults=["spades"])
print(Card("A"), Card("K", "hearts"), Card._field_defaults, sorted([Point(2, 1), Point(1, 5)]))
print(type(p).__name__, repr(Point), p.count(1), p.index(2), 2 in p, p + (3,))
Row = namedtuple("Row", "id, def, _x", rename=True)
print(Row._fields)
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3),
            lambda: p._replace(z=1), lambda: namedtuple("P", "a a"),
            lambda: namedtuple("P", "a _b"), lambda: namedtuple("P", "class"), lambda: p.z):
    try:
        bad()
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__ + ":", e)


class Vector(namedtuple("Vector", "x y")):
    def __abs__(self):
        return (self.x**2 + self.y**2) ** 0.5

    def __str__(self):
        return f"<{self.x}, {self.y}>"


v = Vector(3, 4)
print(v, repr(v), abs(v), v.x)


async def consumer(queue, log):
    while queue:
        job = queue.popleft()
        await asyncio.sleep(job.delay)
        log[job.worker].append(job.name)


async def main():
    Job = namedtuple("Job", "name worker delay")
    queue = deque(Job(f"j{i}", "ab"[i % 2], 0.1 * (i + 1)) for i in range(5))
    log = defaultdict(list)
    await asyncio.gather(consumer(queue, log), consumer(queue, log))
    print(dict(log), Counter(w for w in "".join(log)))


asyncio.run(main())


selfish = deque([1])
selfish.append(selfish)
od_self = OrderedDict(a=1)
od_self["self"] = od_self
dd_self = defaultdict(list)
dd_self["me"] = dd_self
print(selfish, od_self, dd_self)
left, right = deque([1]), deque([1])
left.append(right)
right.append(left)
try:
    print(left == right)
except RecursionError:
    print("RecursionError")
