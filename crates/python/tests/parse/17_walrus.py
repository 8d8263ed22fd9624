if (n := len(a)) > 10:
    pass
while (chunk := f.read(10)):
    pass
while chunk := f.read(10):
    pass
if match := pattern.search(line):
    pass
print(y := 5)
[y := 1, y ** 2]
{(x := 1), 2}
data = [v for x in xs if (v := f(x)) is not None]
elif_ = (a := 1) + (b := 2)
if x := 1:
    pass
elif y := 2:
    pass
f(a, b := 2)
a[b := 1]
