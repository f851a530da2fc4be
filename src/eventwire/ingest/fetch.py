"""Fetching pages and feeds over HTTP(S), politely and defensively.

Every request has a timeout (connection and whole response), a cap on the body size, and a
User-Agent. Only ``http`` and ``https`` URLs are fetched, and a host that resolves to a private,
loopback, link-local or otherwise non-public address is refused (the connection goes to the very
address that was checked, so a second DNS answer cannot swap it) unless
``Settings.fetch_allow_private`` is set. Redirects are followed, each hop checked the same way.
Conditional requests (``If-None-Match``, ``If-Modified-Since``) let a feed poller skip unchanged
feeds.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from eventwire.errors import FetchError
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65_536
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
)


@dataclass(slots=True)
class Response:
    """A fetched HTTP response (after redirects)."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request: nothing new."""
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def media_type(self) -> str:
        """The MIME type of the body, lower case, without parameters (``"text/html"``)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address already resolved and checked."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is checked for the host name."""

    def __init__(
        self, host: str, port: int, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._ssl_context = context

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._ssl_context.wrap_socket(sock, server_hostname=self.host)


def is_public_address(address: str) -> bool:
    """Return whether an IP address is a public (globally routable, unicast) one.

    Args:
        address: an IPv4 or IPv6 address; an IPv4-mapped IPv6 address is judged as IPv4.
    """
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Fetcher:
    """Fetch URLs with the timeouts, size cap, User-Agent and address rules of ``settings``.

    Args:
        settings: ``fetch_timeout``, ``fetch_max_bytes``, ``user_agent``, ``fetch_allow_private``.
    """

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.fetch_timeout
        self.max_bytes = settings.fetch_max_bytes
        self.user_agent = settings.user_agent
        self.allow_private = settings.fetch_allow_private
        self._ssl = ssl.create_default_context()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET ``url``, following redirects; a 304 comes back as a Response with no body.

        Args:
            url: an ``http`` or ``https`` URL.
            etag: the ETag of the copy held, sent as ``If-None-Match``.
            last_modified: its Last-Modified date, sent as ``If-Modified-Since``.

        Raises:
            FetchError: a refused URL or address, a network error, a timeout, an HTTP error
                status, too many redirects, or a body over the size cap.
        """
        deadline = time.monotonic() + self.timeout
        headers = {"User-Agent": self.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response, location = self._get_once(current, headers, deadline)
            if location is None:
                return response
            current = urljoin(current, location)
            logger.debug("%s redirects to %s", url, current)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def check_url(self, url: str) -> tuple[str, str, int, str]:
        """Return ``(scheme, host, port, address)`` for a URL that may be fetched.

        Raises:
            FetchError: the scheme is not http(s), the URL has no host, the host does not
                resolve, or it resolves to a non-public address that settings do not allow.
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise FetchError(url, f"refused: only http and https URLs are fetched, not {scheme!r}")
        host = parts.hostname
        if not host:
            raise FetchError(url, "the URL has no host")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise FetchError(url, "the URL has an invalid port") from None
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(url, f"cannot resolve host {host!r}: {error}") from None
        addresses = [str(info[4][0]) for info in infos]
        if not addresses:
            raise FetchError(url, f"cannot resolve host {host!r}")
        if not self.allow_private:
            for address in addresses:
                if not is_public_address(address):
                    raise FetchError(
                        url,
                        f"refused: {host} resolves to a private or loopback address ({address}); "
                        "set EVENTWIRE_FETCH_ALLOW_PRIVATE=1 to allow it",
                    )
        return scheme, host, port, addresses[0]

    def _get_once(
        self, url: str, headers: dict[str, str], deadline: float
    ) -> tuple[Response, str | None]:
        """Make one request; return the response and the redirect target, if any."""
        scheme, host, port, address = self.check_url(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, f"timed out after {self.timeout:g} s")
        connection: http.client.HTTPConnection
        if scheme == "https":
            connection = _PinnedHTTPSConnection(host, port, address, remaining, self._ssl)
        else:
            connection = _PinnedHTTPConnection(host, port, address, remaining)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", target, headers=headers)
            answer = connection.getresponse()
            received = {key.lower(): value for key, value in answer.getheaders()}
            status = answer.status
            if status in _REDIRECTS and received.get("location"):
                return Response(url, status, received), received["location"]
            if status == 304:
                return Response(url, status, received), None
            if status >= 400:
                raise FetchError(url, f"HTTP {status} {answer.reason}".strip())
            body = self._read_body(answer, url, received, deadline)
        except TimeoutError:
            raise FetchError(url, f"timed out after {self.timeout:g} s") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(url, f"network error: {error or type(error).__name__}") from None
        finally:
            connection.close()
        return Response(url, status, received, body), None

    def _read_body(
        self,
        answer: http.client.HTTPResponse,
        url: str,
        headers: dict[str, str],
        deadline: float,
    ) -> bytes:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, self._too_large(f"{declared} bytes"))
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, self._too_large(f"more than {self.max_bytes} bytes"))
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, amount: str) -> str:
        return f"too large: {amount} (limit {self.max_bytes}; raise EVENTWIRE_FETCH_MAX_BYTES)"
