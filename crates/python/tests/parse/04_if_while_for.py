if a:
    x = 1
elif b:
    x = 2
elif c:
    x = 3
else:
    x = 4

if a:
    pass
else:
    if b:
        pass

while True:
    if done():
        break
else:
    print("no break")

while not stop:
    step()

for i in range(3):
    print(i)
else:
    print("done")

for i, (a, b) in enumerate(pairs):
    pass

for [x, y] in points:
    pass

for k, v in d.items():
    pass

for *head, tail in rows:
    pass

for x in 1, 2, 3:
    pass

for x in *a, *b:
    pass

for obj.attr in values:
    pass

for items[0] in values:
    pass

for i in range(10): print(i)
