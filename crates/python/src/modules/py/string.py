"""string: the character constants, capwords and Template, after CPython 3.11's
Lib/string.py (AwaitLab's copy; Template parses its placeholders without `re`)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string"""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_ID_START = '_' + ascii_letters
_ID_REST = _ID_START + digits


def _identifier_at(s, i):
    """The end of the ASCII identifier starting at i (i itself when there is none)."""
    if i >= len(s) or s[i] not in _ID_START:
        return i
    j = i + 1
    while j < len(s) and s[j] in _ID_REST:
        j += 1
    return j


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _parts(self):
        """The template as (kind, text, position) pieces: 'text', 'escaped', 'named',
        'braced' or 'invalid' (position: where the invalid placeholder starts)."""
        s = self.template
        i = 0
        out = []
        start = 0
        while True:
            i = s.find('$', start)
            if i < 0:
                out.append(('text', s[start:], start))
                return out
            out.append(('text', s[start:i], start))
            j = i + 1
            if s[j:j + 1] == '$':
                out.append(('escaped', '$', i))
                start = j + 1
                continue
            end = _identifier_at(s, j)
            if end > j:
                out.append(('named', s[j:end], i))
                start = end
                continue
            if s[j:j + 1] == '{':
                end = _identifier_at(s, j + 1)
                if end > j + 1 and s[end:end + 1] == '}':
                    out.append(('braced', s[j + 1:end], i))
                    start = end + 1
                    continue
            out.append(('invalid', '', j))
            start = j

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _mapping(self, mapping, kws):
        if mapping is None:
            return kws
        if kws:
            merged = dict(mapping)
            merged.update(kws)
            return merged
        return mapping

    def substitute(self, mapping=None, /, **kws):
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, text, pos in self._parts():
            if kind == 'text' or kind == 'escaped':
                out.append(text)
            elif kind == 'invalid':
                self._invalid(pos)
            else:
                out.append(str(mapping[text]))
        return ''.join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, text, pos in self._parts():
            if kind == 'text' or kind == 'escaped':
                out.append(text)
            elif kind == 'invalid':
                out.append('$')
            else:
                try:
                    out.append(str(mapping[text]))
                except KeyError:
                    out.append('$' + text if kind == 'named' else '${' + text + '}')
        return ''.join(out)

    def is_valid(self):
        return all(kind != 'invalid' for kind, _, _ in self._parts())

    def get_identifiers(self):
        ids = []
        for kind, text, pos in self._parts():
            if kind == 'named' or kind == 'braced':
                if text not in ids:
                    ids.append(text)
            elif kind == 'invalid':
                raise ValueError('Unrecognized named group in pattern', r'''
            \$(?:
              (?P<escaped>\$)  |   # Escape sequence of two delimiters
              (?P<named>(?a:[_a-z][_a-z0-9]*))       |   # delimiter and a Python identifier
              {(?P<braced>(?a:[_a-z][_a-z0-9]*))}  |   # delimiter and a braced identifier
              (?P<invalid>)             # Other ill-formed delimiter exprs
            )
            ''')
        return ids
