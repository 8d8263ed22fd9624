# heapq, bisect and typing: heaps printed as lists after pushes, pops, heapify, replace and
# pushpop (CPython's sift order), nsmallest/nlargest with keys and ties, merge of sorted
# inputs (reverse and key too), a priority queue of tasks; bisect and insort with keys;
# typing names imported, subscripted and printed, TypeVar, Generic and cast.
import asyncio
import bisect
import heapq
import random
from typing import Any, Callable, Dict, Generic, List, Optional, Protocol, Tuple, TypeVar, Union, cast

random.seed(3)
data = [random.randint(0, 50) for _ in range(15)]
heap = []
for x in data:
    heapq.heappush(heap, x)
    print(heap)
print([heapq.heappop(heap) for _ in range(5)], heap)
h2 = data[:]
heapq.heapify(h2)
print(h2, heapq.heapreplace(h2, 99), h2, heapq.heappushpop(h2, 1), heapq.heappushpop(h2, 60), h2)
print(heapq.nsmallest(3, data), heapq.nlargest(4, data), heapq.nlargest(2, ["bb", "a", "cc", "d"], key=len))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 5])), list(heapq.merge([9, 4], [8, 5, 1], reverse=True)))
print(list(heapq.merge(["b", "dd"], ["a", "ccc"], key=len)))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)
tasks = [(3, "write"), (1, "read"), (2, "parse"), (1, "open")]
heapq.heapify(tasks)
print([heapq.heappop(tasks)[1] for _ in range(len(tasks))])

a = [1, 2, 4, 4, 8]
print(bisect.bisect(a, 4), bisect.bisect_left(a, 4), bisect.bisect_right(a, 5), bisect.bisect_left(a, 0, 1))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
print(a)
people = [("ann", 20), ("bob", 30)]
bisect.insort(people, ("cy", 25), key=lambda p: p[1])
print(people, bisect.bisect_left(people, 30, key=lambda p: p[1]))
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in (33, 99, 77, 70, 89, 90, 100)])

T = TypeVar("T")
print(List[int], Dict[str, List[int]], Optional[str], Union[int, str], Callable[[int], str], Tuple[int, ...])
print(T, Any, cast(int, "not checked"), List)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


class Greeter(Protocol):
    def greet(self) -> str: ...


s = Stack()
s.push(1)
print(s.items, isinstance(s, Stack))


async def worker(queue: "asyncio.PriorityQueue[Tuple[int, str]]", results: List[str]) -> None:
    while not queue.empty():
        priority, name = await queue.get()
        await asyncio.sleep(priority / 10)
        results.append(name)


async def main() -> None:
    queue = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        queue.put_nowait(item)
    results: List[str] = []
    await worker(queue, results)
    print(results)


asyncio.run(main())
