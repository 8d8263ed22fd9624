@decorator
def f():
    pass

@decorator
@another(arg=1)
@module.attr
def g():
    pass

@ spaced
def h():
    pass

@buttons[0].clicked.connect
def on_click():
    pass

@(lambda fn: fn)
def k():
    pass

@x if y else z
def m():
    pass

@asyncio.coroutine
def old_style():
    yield from asyncio.sleep(1)

@dec
async def coro():
    pass

class A:
    pass

class B(A):
    x = 1

    def method(self):
        return self.x

class C(A, B, metaclass=Meta):
    pass

class D(object,):
    """Docstring."""

class E():
    pass

class F(*bases, **kw):
    pass

@dataclass
class G:
    x: int
    y: int = 0

    @property
    def total(self):
        return self.x + self.y

    @staticmethod
    def make():
        return G(1)

@decorator
class H(Base):
    pass
