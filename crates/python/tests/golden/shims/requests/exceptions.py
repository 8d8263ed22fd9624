"""requests.exceptions for the offline stand-in (never raised by the fakes)."""


class RequestException(IOError):
    pass


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):
    pass


class Timeout(RequestException):
    pass
