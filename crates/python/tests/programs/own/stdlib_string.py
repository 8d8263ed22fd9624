# string: the character constants (ascii_letters, digits, punctuation, whitespace...),
# capwords with and without a separator, and Template substitution (named and braced
# placeholders, $$, safe_substitute, get_identifiers, is_valid) with its KeyError and
# invalid-placeholder errors.
import string
from string import Template
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(string.punctuation, repr(string.whitespace), len(string.printable))
print(string.capwords("hello   wide world"), string.capwords("a-b c-d", "-"))
t = Template("$who likes $what, ${who}y costs $$5")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "a", "what": "b"}, what="c"))
print(Template("$a and $b").safe_substitute(a=1), Template("${x} $y").safe_substitute())
print(t.get_identifiers(), t.is_valid(), Template("bad $ here").is_valid())
for bad in [lambda: Template("$who").substitute(), lambda: Template("line\n ${ bad").substitute(x=1), lambda: Template("$").substitute()]:
    try:
        bad()
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
print(Template("$$ $x").template)
