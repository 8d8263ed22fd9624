"""Module docstring.

With several lines.
"""

def f():
    """Function docstring."""
    return 1

class C:
    '''Class docstring.'''

    def m(self):
        r"""Raw docstring with \n."""

async def g():
    """Async docstring"""
    await h()
