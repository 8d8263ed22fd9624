"""The CPython side of AwaitLab's golden text tests (crates/python/tests/text_golden.rs).

Reads one JSON case per line on stdin and writes one JSON line per case on stdout:
["ok", text] with CPython's result (a str, or the repr of a number or tuple), ["err", class,
message] for an exception, or ["surrogate"] when the result holds a lone surrogate (which a
Rust string cannot). Values arrive tagged: ["i", "123"] int, ["f", "3ff0000000000000"] float
bits, ["s", text], ["b", bool], ["n"] None, ["l", [...]] list, ["t", [...]] tuple,
["d", [[key, value], ...]] dict.
"""
import json
import struct
import sys


def flt(bits):
    return struct.unpack("<d", struct.pack("<Q", int(bits, 16)))[0]


def val(v):
    tag = v[0]
    if tag == "i":
        return int(v[1])
    if tag == "f":
        return flt(v[1])
    if tag == "s":
        return v[1]
    if tag == "b":
        return bool(v[1])
    if tag == "n":
        return None
    if tag == "l":
        return [val(x) for x in v[1]]
    if tag == "t":
        return tuple(val(x) for x in v[1])
    if tag == "d":
        return {k: val(x) for k, x in v[1]}
    raise ValueError("bad tag %r" % (tag,))


def show(r):
    """repr(r), but an int beyond i64 as its size: the exact value is beside the point (we
    raise Overflow there), and its repr may pass CPython's 4300-digit limit."""
    if isinstance(r, tuple):
        return "(" + ", ".join(show(x) for x in r) + ")"
    if type(r) is int and not -2**63 <= r < 2**63:
        return "big int of %d bits" % r.bit_length()
    return repr(r)


def run(case):
    op = case[0]
    a = case[1:]
    if op == "repr_float":
        return repr(flt(a[0]))
    if op == "float_hex":
        return flt(a[0]).hex()
    if op == "is_integer":
        return repr(flt(a[0]).is_integer())
    if op == "format":
        return format(val(a[0]), a[1])
    if op == "percent":
        return a[0] % val(a[1])
    if op == "int_op":
        x, y = int(a[1]), int(a[2])
        name = a[0]
        if name == "floordiv":
            return show(x // y)
        if name == "mod":
            return show(x % y)
        if name == "divmod":
            return show(divmod(x, y))
        if name == "truediv":
            return show(x / y)
        if name == "pow":
            return show(x ** y)
        if name == "round":
            return show(round(x, y))
        if name == "str":
            return str(x)
    if op == "pow3":
        return show(pow(int(a[0]), int(a[1]), int(a[2])))
    if op == "float_op":
        x, y = flt(a[1]), flt(a[2])
        name = a[0]
        if name == "floordiv":
            return show(x // y)
        if name == "mod":
            return show(x % y)
        if name == "divmod":
            return show(divmod(x, y))
        if name == "truediv":
            return show(x / y)
        if name == "pow":
            r = x ** y
            if isinstance(r, complex):
                return "complex"
            return show(r)
    if op == "round_float":
        x = flt(a[0])
        return show(round(x) if a[1] is None else round(x, int(a[1])))
    if op == "int_of_float":
        return show(int(flt(a[0])))
    if op == "parse_int":
        return show(int(a[0], int(a[1])))
    if op == "parse_float":
        return repr(float(a[0]))
    if op == "repr_str":
        return repr(a[0])
    if op == "ascii_str":
        return ascii(a[0])
    raise ValueError("unknown op %r" % (op,))


def main():
    out = sys.stdout
    for line in sys.stdin:
        case = json.loads(line)
        try:
            r = run(case)
            if any(0xD800 <= ord(c) <= 0xDFFF for c in r):
                res = ["surrogate"]
            else:
                res = ["ok", r]
        except Exception as e:  # the class and message are the test's subject
            res = ["err", type(e).__name__, str(e)]
        out.write(json.dumps(res) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
