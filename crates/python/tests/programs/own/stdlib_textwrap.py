# textwrap: wrap and fill at several widths (hyphenated words, em-dashes, long words, tabs
# and newlines), indents, max_lines with a placeholder, shorten, fix_sentence_endings,
# drop_whitespace, dedent and indent, and the invalid width error.
import textwrap
text = ("The quick brown fox jumps over the lazy dog. A well-known pangram -- used for "
        "testing typefaces -- contains every letter of the alphabet. Hyper-text-based "
        "wrapping of long-hyphenated-compound-words and supercalifragilisticexpialidocious "
        "words\tincluding tabs\nand newlines.")
for w in (10, 20, 35, 70):
    print(textwrap.fill(text, width=w))
    print("--")
print(textwrap.wrap(text, 25, break_on_hyphens=False))
print(textwrap.wrap(text, 15, break_long_words=False))
print(textwrap.fill(text, 40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, 50), textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello world", 11))
print(textwrap.wrap(text, 30, max_lines=3, placeholder=" ..."))
print(textwrap.dedent("""
    def f():
        return 1
      # odd
    \t
    end
"""))
print(repr(textwrap.dedent("  a\n\t b\n")), repr(textwrap.dedent("   x\n   \n   y")))
print(textwrap.indent("one\n\ntwo\n", "> "), textwrap.indent("a\nb", "+", lambda l: l.startswith("b")))
print(textwrap.wrap(""), textwrap.wrap("   "), textwrap.wrap("a" * 25, 10), textwrap.wrap("x-y-z 1-2 ab-cd-ef", 4))
print(textwrap.fill("Hello.  World. Mr. Smith went home. ok", 20, fix_sentence_endings=True))
print(textwrap.wrap("em--dash and --leading and trailing-- x---y", 8))
try:
    textwrap.wrap("abc", 0)
except ValueError as e:
    print(e)
w = textwrap.TextWrapper(width=12, drop_whitespace=False)
print(w.wrap("  spaced   out text here  "))
