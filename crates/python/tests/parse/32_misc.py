...
x = ...
def stub(): ...
class Proto:
    def method(self) -> int: ...
a = [..., Ellipsis]
b = None
c = True, False
d = x[...]
e = (yield_ := None)
f = not not x
g = x.y.z
h = (x).y
i = (x)(y)
j = (x)[0]
k = (1).real
l = 1 .real
m = [].append
n = "".join
o = f"".strip
p = (a + b).c
q = (a, b)[0]
r = print
