"""A polite HTTP fetcher on httpx: robots.txt, per-host pace, retries, caps, conditional GETs.

>>> from thoisu.settings import Settings
>>> with Fetcher(Settings()) as fetcher:                              # doctest: +SKIP
...     page = fetcher.get("https://bao.example.vn/thoi-su/bai-1.html")
...     page.status, page.charset, len(page.content)
(200, 'utf-8', 48213)

Every failure is a :class:`FetchError` whose ``reason`` names the kind (``robots``,
``timeout``, ``too_large``, ``http``, ``network``, ``redirects``, ``url``) and whose message
says what happened and what can be done; ``retry_at`` is set when the server asked for a pause
longer than thoisu waits inside a round.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from thoisu import __version__
from thoisu.settings import Settings
from thoisu.sources.dates import now, retry_after
from thoisu.sources.polite import ROBOTS_MAX_BYTES, Gates, Robots
from thoisu.sources.urls import origin_of

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
AGENT_TOKEN = "thoisu"  # the product token robots.txt groups are matched against


def user_agent(settings: Settings) -> str:
    """``thoisu/0.1.0 (+https://tin.example.vn/lien-he)``; the contact comes from settings.

    >>> user_agent(Settings(fetch_contact="https://tin.example.vn/lien-he"))
    'thoisu/0.1.0 (+https://tin.example.vn/lien-he)'
    """
    contact = settings.fetch_contact.strip()
    base = f"{AGENT_TOKEN}/{__version__}"
    return f"{base} (+{contact})" if contact else f"{base} (Vietnamese news aggregator)"


class FetchError(Exception):
    """A URL that could not be fetched, with the kind of failure and what to do."""

    def __init__(self, url: str, reason: str, message: str, *, status: int | None = None,
                 retry_at: datetime | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.url = url
        self.reason = reason
        self.message = message
        self.status = status
        self.retry_at = retry_at
        # Permanent: trying again later will not help (robots refuse it, it is too large).
        self.permanent = permanent

    def __str__(self) -> str:
        return self.message


class Stopped(Exception):
    """The fetcher was asked to stop (Ctrl-C, SIGTERM) while waiting."""


@dataclass
class Response:
    """A fetched document: final URL (after redirects), status, headers, body, charset."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched: datetime
    charset: str | None = None
    redirects: list[str] = field(default_factory=list)
    tries: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class Fetcher:
    """One httpx client shared by threads; politeness kept per origin."""

    def __init__(self, settings: Settings, stop: threading.Event | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.stop = stop or threading.Event()
        self.agent = user_agent(settings)
        timeout = httpx.Timeout(settings.fetch_timeout)
        # trust_env off: no proxy or .netrc from the environment; requests go where they say.
        self._client = httpx.Client(headers={"User-Agent": self.agent}, timeout=timeout,
                                    follow_redirects=False, transport=transport,
                                    trust_env=False,
                                    limits=httpx.Limits(max_connections=settings.fetch_workers
                                                        + 4))
        self._gates = Gates(settings.fetch_host_interval, settings.fetch_host_concurrency,
                            self._wait)
        self._robots = Robots(self._fetch_robots, settings.robots_cache_seconds)
        self.requests = 0  # every HTTP request sent, robots.txt included (for reports)
        self._count = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _wait(self, seconds: float) -> bool:
        """Sleep, unless asked to stop; True when stopped."""
        return self.stop.wait(max(0.0, seconds))

    # -- public ---------------------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """GET ``url`` politely: robots, pace, redirects, retries, size cap, conditional.

        A 304 comes back as a :class:`Response` with ``not_modified`` True and no content.
        """
        redirects: list[str] = []
        current = url
        while True:
            self._check_allowed(current)
            response = self._with_retries(current, etag if not redirects else None,
                                          last_modified if not redirects else None, accept)
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUS or not location:
                response.redirects = redirects
                return response
            redirects.append(current)
            if len(redirects) > self.settings.fetch_max_redirects:
                raise FetchError(url, "redirects", f"{url}: more than "
                                 f"{self.settings.fetch_max_redirects} redirects (last to "
                                 f"{location}); check the URL or raise fetch_max_redirects")
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(url, "url", f"{url}: redirected to {current}, which is not "
                                 "http(s); nothing fetched", permanent=True)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets thoisu fetch it."""
        return self._robots.rules(origin_of(url)).allows(AGENT_TOKEN, url)

    # -- inside ---------------------------------------------------------------------------

    def _check_allowed(self, url: str) -> None:
        rules = self._robots.rules(origin_of(url))
        if rules.disallow_all is not None:
            raise FetchError(url, "robots", f"{url}: {rules.disallow_all}")
        if not rules.allows(AGENT_TOKEN, url):
            raise FetchError(url, "robots", f"{url}: robots.txt of {origin_of(url)} disallows "
                             "it for thoisu; not fetched", permanent=True)

    def _with_retries(self, url: str, etag: str | None, last_modified: str | None,
                      accept: str) -> Response:
        settings = self.settings
        tries = max(1, settings.fetch_retries)
        for attempt in range(1, tries + 1):
            try:
                response = self._once(url, etag, last_modified, accept)
            except FetchError as exc:
                if exc.reason != "network" or attempt == tries:
                    raise
                self._pause(url, settings.fetch_backoff * 2 ** (attempt - 1), exc.message)
                continue
            response.tries = attempt
            if response.status not in RETRY_STATUS:
                return response
            asked = retry_after(response.headers.get("retry-after"), response.fetched)
            wait = asked if asked is not None else settings.fetch_backoff * 2 ** (attempt - 1)
            what = f"HTTP {response.status}" + (f" (Retry-After {asked:g} s)" if asked else "")
            if wait > settings.fetch_max_retry_wait:
                raise FetchError(url, "http", f"{url}: {what}; the server asks for a pause "
                                 f"longer than fetch_max_retry_wait "
                                 f"({settings.fetch_max_retry_wait:g} s): tried again after it",
                                 status=response.status,
                                 retry_at=response.fetched + timedelta(seconds=wait))
            if attempt == tries:
                raise FetchError(url, "http", f"{url}: {what} after {tries} tries; the server "
                                 "is failing, tried again in a later round",
                                 status=response.status,
                                 retry_at=(response.fetched + timedelta(seconds=asked))
                                 if asked else None)
            self._pause(url, wait, what)
        raise AssertionError("unreachable")

    def _pause(self, url: str, seconds: float, why: str) -> None:
        if self._wait(seconds):
            raise Stopped(f"{url}: stopped while waiting to retry ({why})")

    def _once(self, url: str, etag: str | None, last_modified: str | None,
              accept: str) -> Response:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        origin = origin_of(url)
        rules = self._robots.rules(origin)
        with self._gates(origin) as gate:
            gate.pace(rules.delay(AGENT_TOKEN))
            if self.stop.is_set():
                raise Stopped(f"{url}: stopped before fetching")
            return self._send(url, headers, self.settings.fetch_max_bytes)

    def _send(self, url: str, headers: dict[str, str], cap: int,
              truncate: bool = False) -> Response:
        settings = self.settings
        with self._count:
            self.requests += 1
        fetched = now()
        try:
            with self._client.stream("GET", url, headers=headers) as reply:
                # httpx times each read; this bounds a body trickled a byte at a time.
                started = time.monotonic()
                declared = reply.headers.get("content-length", "")
                if (declared.isdigit() and int(declared) > cap and reply.status_code < 300
                        and not truncate):
                    raise _too_large(url, cap, f"it announces {int(declared):,} bytes")
                body = bytearray()
                for chunk in reply.iter_bytes():
                    body += chunk
                    if len(body) > cap:
                        if not truncate:
                            raise _too_large(url, cap, f"cut at {cap:,} bytes")
                        del body[cap:]
                        break
                    if time.monotonic() - started > settings.fetch_timeout:
                        raise FetchError(url, "timeout", f"{url}: the body took longer than "
                                         f"fetch_timeout ({settings.fetch_timeout:g} s); "
                                         "tried again in a later round")
                return Response(url=url, status=reply.status_code,
                                headers={k.lower(): v for k, v in reply.headers.items()},
                                content=bytes(body), fetched=fetched,
                                charset=reply.charset_encoding)
        except httpx.TimeoutException as exc:
            raise FetchError(url, "timeout", f"{url}: no answer within fetch_timeout "
                             f"({settings.fetch_timeout:g} s; {type(exc).__name__}); tried "
                             "again in a later round") from exc
        except httpx.TooManyRedirects as exc:  # not raised with follow_redirects off; kept safe
            raise FetchError(url, "redirects", f"{url}: {exc}") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(url, "network", f"{url}: {type(exc).__name__}: {exc or 'failed'}; "
                             "check the address and the network") from exc

    def _fetch_robots(self, origin: str) -> tuple[int, str, str]:
        url = f"{origin}/robots.txt"
        current = url
        try:
            for _ in range(self.settings.fetch_max_redirects + 1):
                with self._gates(origin_of(current)) as gate:
                    gate.pace()
                    reply = self._send_robots(current)
                location = reply.headers.get("location")
                if reply.status in REDIRECT_STATUS and location:
                    current = urljoin(current, location)
                    continue
                text = reply.content.decode("utf-8", errors="replace")
                return reply.status, text, f"HTTP {reply.status}"
        except FetchError as exc:
            return 0, "", exc.reason + ": " + exc.message
        return 0, "", "too many redirects"

    def _send_robots(self, url: str) -> Response:
        # A huge robots.txt is read up to the cap, as RFC 9309 says.
        return self._send(url, {"Accept": "text/plain, */*"}, ROBOTS_MAX_BYTES, truncate=True)


def _too_large(url: str, cap: int, what: str) -> FetchError:
    return FetchError(url, "too_large", f"{url}: larger than fetch_max_bytes ({cap:,} bytes; "
                      f"{what}); not read; raise fetch_max_bytes to read such pages",
                      permanent=True)


__all__ = ["FetchError", "Fetcher", "Response", "Stopped", "user_agent"]
