if x: a = 1
elif y: a = 2
else: a = 3
for i in r: s += i; t -= i
while w: w -= 1
else: pass
try: risky()
except E as e: print(e)
else: ok()
finally: done()
with a: b()
class K: pass
class L(K): x = 1; y = 2
def f(x): return x * 2
async def g(): await h()
if a: pass;
