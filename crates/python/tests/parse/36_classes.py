class Node:
    count: int = 0

    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []
        Node.count += 1

    def __repr__(self):
        return f"Node({self.value!r}, {len(self.children)} children)"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @classmethod
    def leaf(cls, value):
        return cls(value)

    async def visit(self, fn):
        await fn(self)
        for c in self.children:
            await c.visit(fn)

class Tree(Node, metaclass=type):
    class Inner:
        pass

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)
