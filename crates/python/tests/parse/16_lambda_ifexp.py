f = lambda: 0
f = lambda x: x
f = lambda x, y=1: x + y
f = lambda *args, **kw: (args, kw)
f = lambda a, /, b, *, c=3: a
f = lambda *, k: k
f = lambda x=lambda: 1: x()
f = lambda: lambda: 1
f = lambda x: x if x else -x
x = a if b else c
x = a if b else c if d else e
x = (a if b else c) if d else e
x = lambda: (yield)
x = [lambda i=i: i for i in range(3)]
key = lambda item: (item[1], -item[0])
