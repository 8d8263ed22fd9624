# json: dumps of every JSON type with the default separators, indent (int and str),
# sort_keys, custom separators, ensure_ascii, non-string keys, floats as repr and
# NaN/Infinity, default= for other objects; loads of the same and round trips; dump/load
# through a file; and the errors (unserializable objects, circular references, and the
# decoder's messages with line, column and char).
import json
from collections import Counter, OrderedDict, namedtuple

data = {"name": "Ada", "age": 36, "langs": ["en", "fr"], "ok": True, "none": None,
        "ratio": 0.1 + 0.2, "big": 1e22, "neg": -0.0, "nested": {"a": [1, {"b": []}], "e": {}}}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps(data["nested"], indent=0))
print(json.dumps([1, 2, {"k": "v"}], separators=(",", ":")))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, indent=4, separators=(",", " = ")))
print(json.dumps("héllo → 😀 \"quoted\" \\ \n\t\x01"), json.dumps("héllo → 😀", ensure_ascii=False))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "null"}))
print(json.dumps([float("nan"), float("inf"), -float("inf"), 1.0, 100, 3.14159, 1 / 3]))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}), json.dumps(""), json.dumps(None))
print(json.dumps(Counter("aab")), json.dumps(OrderedDict(z=1, a=2)), json.dumps(namedtuple("P", "x y")(1, 2)))
print(json.dumps({"when": {1, 2}}, default=sorted), json.dumps({"skip": 1, (1, 2): 3}, skipkeys=True))

text = '{"users": [{"id": 1, "tags": ["a", "b"], "score": 9.5}, {"id": 2, "tags": [], "score": -1e3}], "ok": true, "n": null}'
obj = json.loads(text)
print(obj, type(obj["users"][0]["score"]).__name__, obj["users"][1]["score"])
print(json.loads("[1, 2.0, -3, 4e2, 0.5E-1, \"\\u00e9\\n\\ud83d\\ude00\", NaN, Infinity, -Infinity]"))
print(json.loads('  "just a string"  '), json.loads("123"), json.loads('{"a": {"b": {"c": [true, false]}}}'))
print(json.loads('{"dup": 1, "dup": 2}'), json.loads(json.dumps(data)) == data)
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))

with open("data.json", "w") as f:
    json.dump(data, f, indent=1)
with open("data.json") as f:
    print(json.load(f) == data)
print(open("data.json").read().count("\n"))

for bad in [lambda: json.dumps({1, 2}), lambda: json.dumps(object),
            lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(float("nan"), allow_nan=False),
            lambda: json.loads(5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
for doc in ["", "   ", "{", "[", "[1,", "[1,]", "[1 2]", '{"a" 1}', '{"a": }', "{1: 2}",
            '{"a": 1,}', '{"a": 1 "b": 2}', '"unterminated', '"bad \\x escape"', '"tab\there"',
            '"\\u12"', "tru", "nul", "1 2", "[1]\n\n  x", "01", "-", "1.", ".5", "1e", "[]]",
            '{"a": [1, 2}', '\n\n  {"key": nope}']:
    try:
        json.loads(doc)
        print("parsed", repr(doc))
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e, "|", e.msg, e.pos, e.lineno, e.colno)
print(issubclass(json.JSONDecodeError, ValueError))
