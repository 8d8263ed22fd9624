f()
f(1)
f(1, 2)
f(a=1)
f(1, b=2)
f(*args)
f(**kwargs)
f(1, *args, b=2, **kwargs)
f(*a, *b, c=1, *d, **e, f=2, **g)
f(a, b,)
f(x for x in y)
sum(x * x for x in range(10))
sum((x for x in y), 0)
print("a", "b", sep=", ", end="")
obj.method(1).other(2)
f()()()
f(lambda x: x + 1)
f(a if b else c)
f(x := 5)
f(y=(x := 5))
getattr(obj, "name")(arg)
asyncio.gather(*[f(i) for i in range(3)], return_exceptions=True)
f(
    1,
    2,
)
f(
    key=value,
    **extra,
)
max(values, key=lambda v: v[1])
f(not x)
f(a for b in c if d)
f(*args, key=1)
