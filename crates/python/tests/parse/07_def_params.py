def f0():
    pass

def f1(a, b):
    pass

def f2(a, b=1, c=2):
    pass

def f3(*args, **kwargs):
    pass

def f4(a, *, key):
    pass

def f5(a, *, key=None, other):
    pass

def f6(a, b, /, c, d=1, *args, e, f=2, **kw):
    pass

def f7(a, /):
    pass

def f8(a=1, /, b=2):
    pass

def f9(a: int, b: str = "x", *args: tuple, c: "C" = None, **kw: dict) -> bool:
    return True

def f10(self, x,) -> None:
    pass

def f11(
    a,
    b=[1, 2],
    *,
    c={},
    **d,
):
    pass

def f12(*, a):
    pass

def f13(a, *args, b):
    pass

def f14(**kw):
    pass

def f15(a, b=1, *c, d, e=2, **f) -> "Ret":
    ...

def f16(a, /, *, b):
    pass

def f17() -> list[int]:
    return []
