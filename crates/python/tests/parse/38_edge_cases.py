def f(*args: *Ts): pass
fib = {(c := a): (a := b) + (b := a + c) - b for __ in range(6)}
{(x := 1): 2}
ｗｉｄｔｈ = 5
print(ｗｉｄｔｈ, ｐｒｉｎｔ)
ｆｏｏ.ｂａｒ = ｆ(ｋ＿１=1)
x = [i for i in range(3) if (j := i)]
lambda: (yield)
a[1:2, *b]
f(**{'a': 1}, b=2)
x = not -1
y = -x ** -y
z = 2 ** -x ** 2
w = await_ if x else None
v = (a for b in c for d in e if f if g)
u = "a" "b" f"{c}" "d"
t = f"{'{'}{'}'}"
s = f"{x!r}" f"{y!s:>3}"
r = [*range(3), *"ab"]
q = {**{}, 1: 2}
p = (yield_ := 1)
o = a if b else(c)
n = 1if x else 2
m = [1,2,3][::-1]
l = x[:, :]
k = x[1:2:]
