"""Offline stand-in for `aiohttp` (AwaitLab golden runner): see _fakeweb.

`session.get(url)` (awaited, or used with `async with`) takes LATENCY seconds of the
loop's clock (`await asyncio.sleep(LATENCY)`; nothing at 0) and gives a response with status 200
whose text()/read()/json() return the canned body at once.
"""

import asyncio
import json as _json

import _fakeweb

__version__ = "0.0-awaitlab-fake"


class ClientError(Exception):
    pass


class ClientResponseError(ClientError):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientTimeout:
    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect


class TCPConnector:
    def __init__(self, *args, **kwargs):
        pass


class ClientResponse:
    def __init__(self, method, url):
        self.method = method
        self.url = url
        self.status = 200
        self.reason = "OK"
        self.ok = True
        self.headers = dict(_fakeweb.HEADERS)
        self.content_type = "text/html"
        self.charset = "utf-8"

    async def text(self, encoding=None):
        return _fakeweb.body_text()

    async def read(self):
        return _fakeweb.body_bytes()

    async def json(self, **kwargs):
        return _json.loads(_fakeweb.body_text())

    def raise_for_status(self):
        return None

    def release(self):
        pass

    def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.release()
        return False

    def __repr__(self):
        return "<ClientResponse(%s) [%d %s]>" % (self.url, self.status, self.reason)


class _RequestContextManager:
    """What session.get() returns: awaitable, and an async context manager."""

    def __init__(self, method, url):
        self._method = method
        self._url = url
        self._resp = None

    async def _do(self):
        if _fakeweb.LATENCY:  # at 0 it answers without a turn of the loop, as AwaitLab does
            await asyncio.sleep(_fakeweb.LATENCY)
        self._resp = ClientResponse(self._method, self._url)
        return self._resp

    def __await__(self):
        return self._do().__await__()

    async def __aenter__(self):
        return await self._do()

    async def __aexit__(self, *exc):
        if self._resp is not None:
            self._resp.release()
        return False


class ClientSession:
    def __init__(self, *args, **kwargs):
        self.closed = False

    def request(self, method, url, **kwargs):
        return _RequestContextManager(method.upper(), url)

    def get(self, url, **kwargs):
        return self.request("GET", url)

    def post(self, url, **kwargs):
        return self.request("POST", url)

    def head(self, url, **kwargs):
        return self.request("HEAD", url)

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()
        return False


async def request(method, url, **kwargs):
    return await _RequestContextManager(method.upper(), url)
