# Plain generators: yield, yield from (delegation, its value is the sub-generator's
# return value), send(), StopIteration.value, next() with a default, close() and
# GeneratorExit, a generator expression.
def sub(n):
    got = []
    for i in range(n):
        x = yield i
        got.append(x)
    return f"sub returned {got}"


def delegator():
    result = yield from sub(3)
    print("delegator got:", result)
    yield "last"


g = delegator()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(g.send("c"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)


def returns():
    yield 1
    return 42


r = returns()
print(next(r))
try:
    next(r)
except StopIteration as e:
    print("return value via StopIteration:", e.value, e.args)
print(next(r, "default after exhaustion"))


def closable():
    try:
        yield "first"
        yield "second"
    except GeneratorExit:
        print("GeneratorExit inside the generator")
        raise
    finally:
        print("generator finally")


c = closable()
print(next(c))
c.close()
print(list(x * 2 for x in range(4)), sum(x for x in range(5)))
print(list(sub(2)), [*delegator()])
