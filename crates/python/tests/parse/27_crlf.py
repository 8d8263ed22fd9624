x = 1
if x:
    y = [1,
         2]
    s = """a
b"""
z = "c\
d"
