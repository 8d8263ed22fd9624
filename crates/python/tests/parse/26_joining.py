# A comment at the top.
x = (1 +
     2)
y = [
    1,  # a comment inside brackets

    2,
# a comment at column 0 inside brackets
        3,
]
z = 1 + \
    2
if a and \
        b:
    pass
    # an indented comment

# a blank line and a comment between statements
def f(a,
      b):
    return {
        'k':
            'v',
    }

w = f(1,
2)
assert x, \
    "message"

   # comment with odd indentation
v = 1
s = "a" \
    "b"
t = ("a"
"b")
