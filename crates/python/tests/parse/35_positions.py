(a) + b
(a).b.c
(a)(b)
(a)[b]
(a + b) * c
(a) if b else c
(a) and b
(a) < b
(a, b) + c
[a] * 2
-(a)
(not a) or b
(lambda: 1)()
(yield)
x = (
    a
)
y = (a
     + b)
z = [x
     for x in y]
f(
  a
)(b)
