with open("f") as f:
    data = f.read()

with lock:
    pass

with a as b, c as d:
    pass

with a, b:
    pass

with (a as b, c as d):
    pass

with (a as b, c as d,):
    pass

with (a, b):
    pass

with (a):
    pass

with (a, b) as c:
    pass

with f() as (x, y):
    pass

with f() as [x, *y]:
    pass

with f() as obj.attr, g() as items[0]:
    pass

with (
    open("a") as fa,
    open("b") as fb,
):
    pass

async def main():
    async with session.get(url) as response:
        text = await response.text()
    async with lock:
        pass
    async with (a as b, c):
        pass
