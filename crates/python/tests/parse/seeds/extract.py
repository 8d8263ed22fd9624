"""Extracts the fenced code blocks of the asyncio tutorials (the Chinese translations under the
project's shared seeds/) into one file each here, for the parser's tutorial test
(tests/parse_seeds.rs). Run from this folder: python3 extract.py /path/to/seeds/*.txt

Cleaning, so each block is the program the tutorial shows:
- a block whose every line starts with its line number (" 1import queue") loses the numbers;
- the seed that renders code in bold loses its `**` markers, a comment that swallowed the next
  line (`x() *# note* y()`) is split back into a comment and that line, and a `def`/`if` that was
  glued to the end of the previous line goes back to its own line.
Blocks that are not Python (program output) are kept: CPython rejects them, so must we.
"""
import os
import re
import sys


def strip_numbers(lines):
    nums = []
    for line in lines:
        if not line.strip():
            continue
        m = re.match(r"^ *(\d+)", line)
        if not m:
            return lines
        nums.append(int(m.group(1)))
    if not nums or nums != list(range(1, len(nums) + 1)):
        return lines
    return [re.sub(r"^ *\d+", "", line) for line in lines]


def unbold(text):
    # A keyword glued to the previous line's end: `time**def** task` / `task(10)** **if** x`.
    text = re.sub(r"(\S)\**\s*\*\*(def|async def|if)\*\* ", r"\1\n\2 ", text)
    out = []
    for line in text.split("\n"):
        indent = re.match(r"^\s*", line).group(0)
        # `code *# comment* more code`: the comment ended its line.
        m = re.match(r"^(.*?)\s*\*(#[^*]*)\*\s*(.*)$", line)
        if m and m.group(3):
            out.append(m.group(1) + "  " + m.group(2).rstrip())
            out.append(indent + m.group(3))
        elif m:
            out.append(m.group(1) + "  " + m.group(2).rstrip())
        else:
            out.append(line)
    return "\n".join(out).replace("**", "")


def blocks(text):
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        yield lines[i + 1:j]
        i = j + 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(sys.argv[1:]):
        seed = os.path.basename(path)[:3]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for k, body in enumerate(blocks(text)):
            body = strip_numbers(body)
            code = "\n".join(body)
            if "**" in code:
                code = unbold(code)
            with open(os.path.join(here, "%s_%02d.py" % (seed, k)), "w", encoding="utf-8") as out:
                out.write(code + "\n")


if __name__ == "__main__":
    main()
