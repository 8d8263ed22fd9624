"""The offline web shared by the golden runner's fakes (requests, aiohttp, urllib).

Every request to any URL succeeds after LATENCY seconds of the runner's clock (a blocking
time.sleep for requests/urllib, `await asyncio.sleep` for aiohttp; none at all when
LATENCY is 0, the default, as in AwaitLab's prediction) with status 200 and the same
canned body of BODY_SIZE bytes (0 by default: AwaitLab keeps a body's size only).  The runner sets both from its --latency and
--body-size options through the environment.  AwaitLab's interpreter must provide the
same fakes for the same output (README.md).
"""

import os
import time

LATENCY = float(os.environ.get("AWAITLAB_FAKE_LATENCY", "0"))
BODY_SIZE = int(os.environ.get("AWAITLAB_FAKE_BODY_SIZE", "0"))

_HEAD = "<!doctype html><html><head><title>AwaitLab offline page</title></head><body>"
_TAIL = "</body></html>\n"


def body_text(size=None):
    """The canned page: _HEAD, then "." repeated, then _TAIL, BODY_SIZE bytes in all
    (ASCII; only the prefix of _HEAD if BODY_SIZE is smaller than head + tail)."""
    size = BODY_SIZE if size is None else size
    fill = size - len(_HEAD) - len(_TAIL)
    if fill < 0:
        return (_HEAD + _TAIL)[:size]
    return _HEAD + "." * fill + _TAIL


def body_bytes():
    return body_text().encode("ascii")


HEADERS = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(BODY_SIZE)}


def blocking_wait():
    if LATENCY:
        time.sleep(LATENCY)


class UrlopenResponse:
    """What urllib.request.urlopen returns here (an http.client.HTTPResponse stand-in)."""

    def __init__(self, url):
        self.url = url
        self.status = 200
        self.code = 200
        self.reason = "OK"
        self.headers = dict(HEADERS)
        self._body = body_bytes()
        self._pos = 0

    def read(self, amt=None):
        if amt is None or amt < 0:
            data, self._pos = self._body[self._pos:], len(self._body)
        else:
            data = self._body[self._pos:self._pos + amt]
            self._pos += len(data)
        return data

    def readlines(self):
        return self.read().splitlines(keepends=True)

    def getcode(self):
        return self.status

    def geturl(self):
        return self.url

    def info(self):
        return self.headers

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __iter__(self):
        return iter(self.readlines())


def urlopen(url, data=None, timeout=None, *args, **kwargs):
    if not isinstance(url, str):  # a urllib.request.Request
        url = url.full_url
    blocking_wait()
    return UrlopenResponse(url)
