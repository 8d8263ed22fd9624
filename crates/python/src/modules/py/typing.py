"""typing, as far as a running program sees it (AwaitLab's copy). AwaitLab does not evaluate
annotations, so these names exist to be imported and subscripted (`List[int]`,
`Optional[str]`, `Callable[[int], str]`, `T = TypeVar("T")`, `class Box(Generic[T])`);
`cast` returns its value and the decorators return what they decorate."""

TYPE_CHECKING = False


class _Special:
    """A typing name: subscripting it gives another, printing shows `typing.List[int]`."""

    def __init__(self, name, args=None):
        self._name = name
        self._args = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Special(self._name, params)

    def __or__(self, other):
        return _Special('Union', (self, other))

    def __ror__(self, other):
        return _Special('Union', (other, self))

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated; use the built-in type instead")

    def __repr__(self):
        if self._args is None:
            return 'typing.' + self._name
        return 'typing.%s[%s]' % (self._name, ', '.join(_type_repr(a) for a in self._args))


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    return repr(obj)


Any = _Special('Any')
Union = _Special('Union')
Optional = _Special('Optional')
List = _Special('List')
Dict = _Special('Dict')
Set = _Special('Set')
FrozenSet = _Special('FrozenSet')
Tuple = _Special('Tuple')
Type = _Special('Type')
Callable = _Special('Callable')
Iterable = _Special('Iterable')
Iterator = _Special('Iterator')
Generator = _Special('Generator')
Sequence = _Special('Sequence')
MutableSequence = _Special('MutableSequence')
Mapping = _Special('Mapping')
MutableMapping = _Special('MutableMapping')
Awaitable = _Special('Awaitable')
Coroutine = _Special('Coroutine')
AsyncIterator = _Special('AsyncIterator')
AsyncIterable = _Special('AsyncIterable')
AsyncGenerator = _Special('AsyncGenerator')
Deque = _Special('Deque')
DefaultDict = _Special('DefaultDict')
Counter = _Special('Counter')
ClassVar = _Special('ClassVar')
Final = _Special('Final')
Literal = _Special('Literal')
NoReturn = _Special('NoReturn')
Annotated = _Special('Annotated')
Hashable = _Special('Hashable')
Sized = _Special('Sized')
Text = str
AnyStr = _Special('AnyStr')


class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound

    def __repr__(self):
        return '~' + self.__name__


class Protocol:
    """The base of protocol classes: `class Greeter(Protocol)`."""


class _GenericBase:
    """What `Generic[T]` gives: a plain base class."""


_GenericBase.__qualname__ = 'Generic'


class _Generic:
    """`Generic[T]` is a class a generic class can derive from."""

    def __getitem__(self, params):
        return _GenericBase

    def __repr__(self):
        return 'typing.Generic'


Generic = _Generic()


def cast(typ, val):
    """Cast a value to a type (returns the value unchanged)."""
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return {}


def NewType(name, tp):
    def new_type(x):
        return x

    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def NamedTuple(typename, fields=None, /, **kwargs):
    """The functional form: NamedTuple('Point', [('x', int), ('y', int)])."""
    import collections

    if fields is None:
        fields = list(kwargs.items())
    return collections.namedtuple(typename, [name for name, _ in fields])
