x = ((((((((((1))))))))))
y = [[[[[[[[[[1]]]]]]]]]]
z = {"a": {"b": {"c": {"d": {"e": 1}}}}}
w = f(g(h(i(j(k(1))))))
v = -(-(-(-(-1))))
u = not (not (not x))
t = lambda: lambda: lambda: 1
s = a if b else c if d else e if f else g
def outer():
    def middle():
        def inner():
            if a:
                for x in y:
                    while z:
                        with w:
                            try:
                                pass
                            except E:
                                pass
        return inner
    return middle
r = 2 ** 2 ** 2 ** 2
q = a.b.c.d.e.f.g
p = x[0][1][2][3]
