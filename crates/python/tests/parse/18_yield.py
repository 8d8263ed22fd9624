def gen():
    yield
    yield 1
    yield 1, 2
    yield *a, b
    x = yield
    y = yield 5
    z = yield from other()
    w = (yield)
    f((yield))
    yield from range(3)
    await_ = yield x + 1
    return (yield)

def producer():
    while True:
        value = yield
        if value is None:
            break
        yield value * 2
