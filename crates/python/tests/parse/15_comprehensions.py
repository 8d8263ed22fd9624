[x for x in y]
[x for x in y if x]
[x for x in y if x if not x]
[x * y for x in a for y in b]
[x for x in a if x for y in b if y]
[(x, y) for x, y in pairs]
[x for (x, y) in pairs]
[x for [x, y] in pairs]
[x for *x, y in pairs]
{x for x in y}
{k: v for k, v in d.items()}
{k: v for k, v in d.items() if v if k}
(x for x in y)
(x for x in y if x)
list(x for x in y)
[[x for x in row] for row in matrix]
[x for x in range(10) if x % 2 == 0]
[y for x in xs if (y := f(x))]
[x for x in (1, 2, 3)]
[x for x in (1, 2)] if False else None
[lambda: x for x in y]
[x if x else y for x in z]
[x for x in y if a if b]
[x async for x in agen()]
[x for x in await coro()]
[x for x in y or z]
[x for x in (lambda: y)()]
[i for i in a if i not in b]
