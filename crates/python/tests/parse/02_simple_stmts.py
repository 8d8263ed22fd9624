pass
del x
del a, b
del a[0], b.c
del (a, b)
del [a, b]
del a,
x = 1; y = 2; z = 3
x = 1;
if x: pass
if x: y = 1; z = 2
while x: x -= 1
for i in r: print(i)
def f(): return 1
def g(): return
def h(): return 1, 2
def k(): return *a, b
def m():
    global counter
    global a, b
    counter += 1
    def inner():
        nonlocal a
        nonlocal b, c
        a = 1
    raise
def n():
    raise ValueError
    raise ValueError("bad")
    raise ValueError("bad") from None
    raise RuntimeError() from err
assert x
assert x, "message"
assert isinstance(x, int), f"not an int: {x!r}"
for i in range(10):
    if i == 3:
        continue
    if i == 5:
        break
else:
    pass
