"""Fetching web pages and feeds politely and safely: http(s) only, size and time limits,
a clear User-Agent, a delay between requests to one host, conditional requests.

Every failure becomes a FetchError whose message is one line a user can act on
("connection refused", "HTTP 404 Not Found", "redirect loop or more than 5 redirects").
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from importlib.metadata import version
from types import TracebackType
from urllib.parse import urlsplit

import httpx

USER_AGENT = f"diplograph/{version('diplograph')} (news knowledge graph; python-httpx)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Feeds are served under many names (and sometimes as text/plain); images, PDFs and the
# like are refused.
FEED_TYPES = ("xml", "rss", "atom", "rdf", "text/")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 30.0  # seconds for the whole request, body included
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to the same host


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


def check_url(url: str) -> str | None:
    """Why `url` may not be fetched (a problem sentence), or None when it is a web URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "(none)"
        return f"unsupported URL scheme {shown!r}: only http and https are fetched"
    if not parts.hostname:
        return "URL has no host"
    return None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _connect_problem(exc: httpx.ConnectError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "cannot resolve the host name (DNS lookup failed)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    return f"cannot connect: {exc}"


class Fetcher:
    """One HTTP client for a run; `get` waits so that one host sees at most one request
    per `host_delay` seconds."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._last: dict[str, float] = {}
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            timeout=httpx.Timeout(self.limits.timeout),
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self.limits.host_delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(
        self, url: str, accept: tuple[str, ...], *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The body of `url` if its content type contains one of `accept`; raises FetchError."""
        problem = check_url(url)
        if problem:
            raise FetchError(url, problem)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for(urlsplit(url).hostname or "")
        try:
            return self._get(url, accept, headers)
        except httpx.TooManyRedirects:
            most = self.limits.max_redirects
            raise FetchError(url, f"redirect loop or more than {most} redirects") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(url, "redirected to a URL that is not http or https") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.limits.timeout:g} s") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, _connect_problem(exc)) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {type(exc).__name__}: {exc}") from None

    def _get(self, url: str, accept: tuple[str, ...], headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.limits.timeout
        with self._client.stream("GET", url, headers=headers) as response:
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code != 304 and content_type and not any(a in content_type for a in accept):
                raise FetchError(url, f"unexpected content type {content_type!r}")
            limit = self.limits.max_bytes
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(url, f"larger than the {_size(limit)} limit ({_size(int(declared))})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(url, f"larger than the {_size(limit)} limit")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {self.limits.timeout:g} s")
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                body=bytes(body),
                content_type=content_type,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
