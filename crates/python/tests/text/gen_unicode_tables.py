"""Regenerates crates/python/src/text/unicode.rs from this CPython's unicodedata.

Run with the CPython whose behaviour we copy (3.11 → Unicode 14.0):
    python3 crates/python/tests/text/gen_unicode_tables.py > crates/python/src/text/unicode.rs
The golden tests (tests/text_golden.rs) then check every code point against the same CPython.
"""
import sys
import unicodedata

MAXCP = 0x110000

ranges = []
start = None
for cp in range(MAXCP):
    nonprintable = not chr(cp).isprintable()
    if nonprintable and start is None:
        start = cp
    if not nonprintable and start is not None:
        ranges.append((start, cp - 1))
        start = None
if start is not None:
    ranges.append((start, MAXCP - 1))

short = [(a, b) for a, b in ranges if b - a < 2048]
long_ = [(a, b) for a, b in ranges if b - a >= 2048]
zeros = [cp for cp in range(MAXCP) if unicodedata.decimal(chr(cp), -1) == 0]
for z in zeros:
    assert all(unicodedata.decimal(chr(z + i), -1) == i for i in range(10))
assert sum(1 for cp in range(MAXCP) if unicodedata.decimal(chr(cp), -1) >= 0) == 10 * len(zeros)
spaces = [cp for cp in range(MAXCP) if chr(cp).isspace()]

out = sys.stdout.write
out("//! Unicode tables CPython's text code consults, generated from CPython %s's `unicodedata`\n"
    % ".".join(map(str, sys.version_info[:3])))
out("//! (Unicode %s) by `tests/text/gen_unicode_tables.py`; do not edit by hand.\n\n" % unicodedata.unidata_version)
out("/// Non-printable ranges shorter than 2048 code points, each packed as `start << 11 | (len - 1)`,\n")
out("/// sorted: the code points `str.isprintable` rejects (Cc Cf Cs Co Cn Zl Zp, Zs but space).\n")
out("pub(crate) static NONPRINTABLE_SHORT: [u32; %d] = [\n" % len(short))
for i in range(0, len(short), 6):
    out("    " + " ".join("0x%08x," % ((a << 11) | (b - a)) for a, b in short[i:i + 6]) + "\n")
out("];\n\n")
out("/// Non-printable ranges of 2048 code points or more, inclusive `(first, last)`, sorted.\n")
out("pub(crate) static NONPRINTABLE_LONG: [(u32, u32); %d] = [\n" % len(long_))
for a, b in long_:
    out("    (0x%x, 0x%x),\n" % (a, b))
out("];\n\n")
out("/// The zero of each run of ten Unicode decimal digits (category Nd), sorted.\n")
out("pub(crate) static DECIMAL_ZEROS: [u32; %d] = [\n" % len(zeros))
for i in range(0, len(zeros), 8):
    out("    " + " ".join("0x%x," % z for z in zeros[i:i + 8]) + "\n")
out("];\n\n")
out("/// The code points `str.isspace` accepts, which `int()` and `float()` strip, sorted.\n")
out("pub(crate) static SPACES: [u32; %d] = [\n" % len(spaces))
for i in range(0, len(spaces), 8):
    out("    " + " ".join("0x%x," % z for z in spaces[i:i + 8]) + "\n")
out("];\n")
