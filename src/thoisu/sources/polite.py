"""Politeness per host: robots.txt, a pause between requests, a cap on requests at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

# robots.txt beyond this is ignored past the cut (RFC 9309 asks parsers to read 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024
# A Crawl-delay above this is taken as this: a site asking for an hour between requests
# would otherwise stall the whole round.
MAX_CRAWL_DELAY = 60.0


@dataclass
class Rules:
    """A host's robots.txt as read: who may fetch what, and how slowly."""

    parser: RobotFileParser | None  # None: everything allowed (no robots.txt, or 4xx)
    expires: float  # time.monotonic() after which it is fetched again
    disallow_all: str | None = None  # why everything is refused (robots.txt unreachable)

    def allows(self, agent: str, url: str) -> bool:
        if self.disallow_all is not None:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)

    def delay(self, agent: str) -> float:
        if self.parser is None:
            return 0.0
        found = self.parser.crawl_delay(agent)
        return min(float(found), MAX_CRAWL_DELAY) if found else 0.0


def parse_robots(text: str, expires: float) -> Rules:
    """Rules from the text of a robots.txt.

    >>> rules = parse_robots("User-agent: *\\nDisallow: /rieng/\\nCrawl-delay: 2", 0.0)
    >>> rules.allows("thoisu", "https://bao.vn/rieng/a.html"), rules.delay("thoisu")
    (False, 2.0)
    """
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return Rules(parser=parser, expires=expires)


class Robots:
    """robots.txt per origin, fetched once per ``ttl`` seconds by ``fetch(origin)``.

    ``fetch`` returns ``(status, text, reason)``: 2xx → the rules; 4xx but 429 → no rules
    (RFC 9309: the site has none); 429, 5xx or unreachable (status 0) → nothing may be
    fetched, for a short while, with the reason kept.
    """

    def __init__(self, fetch: Callable[[str], tuple[int, str, str]], ttl: float) -> None:
        self._fetch = fetch
        self._ttl = ttl
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, origin: str) -> Rules:
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of a host's robots.txt, however many threads ask at once
            found = self._rules.get(origin)
            if found is not None and found.expires > time.monotonic():
                return found
            status, text, reason = self._fetch(origin)
            soon = time.monotonic() + min(self._ttl, 300.0)
            if 200 <= status < 300:
                found = parse_robots(text, time.monotonic() + self._ttl)
            elif 400 <= status < 500 and status != 429:  # 429: too many requests, retry
                found = Rules(parser=None, expires=time.monotonic() + self._ttl)
            else:
                found = Rules(parser=None, expires=soon,
                              disallow_all=f"{origin}/robots.txt could not be read ({reason}); "
                              "nothing is fetched from this host until it can")
            self._rules[origin] = found
            return found


class HostGate:
    """At most ``concurrency`` requests to one host at once, starts ``interval`` s apart."""

    def __init__(self, interval: float, concurrency: int,
                 wait: Callable[[float], bool]) -> None:
        self._interval = interval
        self._slots = threading.BoundedSemaphore(max(1, concurrency))
        self._lock = threading.Lock()
        self._next = 0.0
        self._wait = wait  # waits up to n seconds; True when asked to stop

    def __enter__(self) -> HostGate:
        self._slots.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._slots.release()

    def pace(self, extra_delay: float = 0.0) -> None:
        """Wait until this host may get its next request (robots' Crawl-delay included)."""
        gap = max(self._interval, extra_delay)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + gap
        if start > now:
            self._wait(start - now)


class Gates:
    """A :class:`HostGate` per origin, made on first use."""

    def __init__(self, interval: float, concurrency: int,
                 wait: Callable[[float], bool]) -> None:
        self._args = (interval, concurrency, wait)
        self._gates: dict[str, HostGate] = {}
        self._lock = threading.Lock()

    def __call__(self, origin: str) -> HostGate:
        with self._lock:
            gate = self._gates.get(origin)
            if gate is None:
                gate = self._gates[origin] = HostGate(*self._args)
            return gate
