"""Offline stand-in for the `requests` package (AwaitLab golden runner): see _fakeweb.

get/post/head/put/delete/request and Session.<same> take LATENCY seconds of the runner's
clock (a blocking time.sleep) and return a Response with status 200 and the canned body.
"""

import json as _json

import _fakeweb

from . import exceptions
from .exceptions import (ConnectionError, HTTPError, RequestException,  # noqa: F401
                         Timeout)

__version__ = "0.0-awaitlab-fake"


class Response:
    def __init__(self, method, url):
        self.status_code = 200
        self.ok = True
        self.reason = "OK"
        self.url = url
        self.request_method = method
        self.headers = dict(_fakeweb.HEADERS)
        self.encoding = "utf-8"
        self.content = _fakeweb.body_bytes()
        self.text = _fakeweb.body_text()

    def json(self, **kwargs):
        return _json.loads(self.text, **kwargs)

    def raise_for_status(self):
        return None

    def iter_content(self, chunk_size=1):
        for i in range(0, len(self.content), chunk_size):
            yield self.content[i:i + chunk_size]

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return "<Response [%d]>" % self.status_code


def request(method, url, **kwargs):
    _fakeweb.blocking_wait()
    return Response(method.upper(), url)


def get(url, params=None, **kwargs):
    return request("get", url, **kwargs)


def post(url, data=None, json=None, **kwargs):
    return request("post", url, **kwargs)


def head(url, **kwargs):
    return request("head", url, **kwargs)


def put(url, data=None, **kwargs):
    return request("put", url, **kwargs)


def delete(url, **kwargs):
    return request("delete", url, **kwargs)


class Session:
    def __init__(self):
        self.headers = {}

    def request(self, method, url, **kwargs):
        return request(method, url, **kwargs)

    def get(self, url, **kwargs):
        return request("get", url, **kwargs)

    def post(self, url, data=None, json=None, **kwargs):
        return request("post", url, **kwargs)

    def head(self, url, **kwargs):
        return request("head", url, **kwargs)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def session():
    return Session()
