"""One round over the due sources: poll, find new article URLs, fetch, read, ingest.

>>> from thoisu.store import Store
>>> with Store.open("sqlite:///tin.db") as store:  # doctest: +SKIP
...     report = Watcher(store, Settings()).round()
...     [(s.source.name, s.outcome) for s in report.sources]
[('Thời sự', '20 links, 3 new, 3 ingested')]

Pages are read through the same HTML path as files (:func:`thoisu.read.read_html`, then the
cleaner and the analysis), with ``meta`` carrying ``url``, ``fetched``, the listing's
``published`` date and the HTTP ``Date`` / ``Last-Modified`` headers, so the publication-date
stage can use them. Articles go into the store through ``thoisu.ingest.ingest_articles``.

A URL is recorded as fetched only once its article is stored, and a source's validators
(ETag, Last-Modified) only once every new link it listed was handled: a round stopped half
way (Ctrl-C, SIGTERM) loses nothing, the next one takes up what was left.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from thoisu.model import (
    DUPLICATE,
    EMPTY,
    FAILED,
    INGESTED,
    REFUSED,
    Article,
    FetchRecord,
    Source,
)
from thoisu.settings import Settings
from thoisu.sources.dates import now
from thoisu.sources.fetch import Fetcher, FetchError, Response, Stopped
from thoisu.sources.kinds import (
    Link,
    Listing,
    NotASource,
    newest_first,
    read_feed_links,
    read_sitemap,
    unpack,
)
from thoisu.sources.urls import canonical_link, clean_url, extra_params

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
               "text/xml;q=0.9, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass
class SourceReport:
    """What one poll of a source did."""

    source: Source
    outcome: str = ""
    links: int = 0  # listed this poll
    new: int = 0  # not fetched before (or due for a retry)
    ingested: int = 0  # new articles stored
    duplicates: int = 0  # pages whose canonical URL was an article fetched already
    empty: int = 0  # pages with no article text
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    error: str | None = None  # the poll itself failed
    complete: bool = True  # every new link handled (else validators are not saved)


@dataclass
class RoundReport:
    """A round: one report per source polled, and what reached the store."""

    started: datetime
    sources: list[SourceReport] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # ids of the articles stored
    stories_changed: int = 0
    requests: int = 0
    stopped: bool = False
    finished: datetime | None = None

    @property
    def failed(self) -> list[tuple[str, str]]:
        return [f for s in self.sources for f in s.failed]


@dataclass
class _Poll:
    source: Source
    listing: Listing | None = None
    response: Response | None = None
    error: FetchError | NotASource | None = None
    children: dict[str, Any] | None = None
    child_errors: list[str] = field(default_factory=list)


@dataclass
class _Job:
    link: Link
    url: str  # cleaned
    report: SourceReport
    attempts: int = 0


@dataclass
class _Pending:
    record: FetchRecord
    articles: list[Article]
    report: SourceReport


def _absolute(listing: Listing, base: str) -> None:
    """Links as absolute URLs: some feeds write ``/thoi-su/bai-1.html``."""
    for link in (*listing.links, *listing.sitemaps):
        link.url = urljoin(base, link.url)


def ingest(store: Any, articles: list[Article], settings: Settings) -> tuple[list[str], int]:
    """Store ``articles`` through ``thoisu.ingest.ingest_articles`` (contract 5), which groups
    them into stories and derives only the stories that changed: ids added, stories changed.
    """
    from thoisu.ingest import ingest_articles

    result = ingest_articles(store, articles, settings)
    return list(result.added), len(result.stories)


def read_page(response: Response, link: Link, source: Source, canonical: str,
              settings: Settings) -> list[Article]:
    """The articles of a fetched page, read like an HTML file; [] when it has no text.

    Raises ValueError (with the reason) when the page cannot be read at all.
    """
    from thoisu.model import Problem
    from thoisu.pipeline import clean_and_analyse_page
    from thoisu.read import read_html

    page = read_html(response.content, response.url, declared=response.charset)
    if isinstance(page, Problem):
        raise ValueError(str(page))
    meta: dict[str, Any] = {"url": canonical, "fetched": response.fetched.isoformat(),
                            "feed": source.url}
    # What the feed or sitemap said of the link, when it said it.
    meta.update((key, value) for key, value in (("published", link.published),
                                                ("sitemap_lastmod", link.lastmod),
                                                ("feed_title", link.title)) if value)
    for header, key in (("date", "http_date"), ("last-modified", "last_modified")):
        if response.headers.get(header):
            meta[key] = response.headers[header]
    if response.url != canonical:
        meta["fetched_url"] = response.url
    page.meta.update(meta)
    made = clean_and_analyse_page(page, settings)
    articles = [a for a in made if isinstance(a, Article)]
    failed = [p for p in made if isinstance(p, Problem) and p.kind == "failed"]
    if failed and not articles:
        raise ValueError(failed[0].reason)
    return articles


class Watcher:
    """Polls the sources of one store; ``stop`` (an Event) ends a round early and cleanly."""

    def __init__(self, store: Any, settings: Settings, fetcher: Fetcher | None = None,
                 stop: threading.Event | None = None, refetch: bool = False) -> None:
        from thoisu.store.sources import SourceBook

        self.store = store
        self.book = SourceBook(store)
        self.settings = settings
        self.stop = stop or (fetcher.stop if fetcher else threading.Event())
        self.fetcher = fetcher or Fetcher(settings, stop=self.stop)
        self.refetch = refetch
        self._strip = extra_params(settings.url_strip_params)

    def close(self) -> None:
        self.fetcher.close()

    # -- the round --------------------------------------------------------------------------

    def round(self, at: datetime | None = None, ignore_schedule: bool = False,
              only: list[int] | None = None) -> RoundReport:
        """Poll every due source once (all with ``ignore_schedule``, backoffs excepted)."""
        at = at or now()
        report = RoundReport(started=now())
        requests_before = self.fetcher.requests
        due = [s for s in self.book.all()
               if s.is_due(at, ignore_schedule) and (only is None or s.id in only)]
        polls = self._poll_all(due)
        retries = self.book.retry_due([p.source.id for p in polls if p.error is None
                                       and p.source.id is not None],
                                      at, self.settings.source_url_attempts)
        jobs: list[_Job] = []
        claimed: set[str] = set()
        changed: list[Source] = []
        for poll in polls:
            source_report = SourceReport(source=poll.source)
            report.sources.append(source_report)
            if poll.error is not None:
                if self._failed(poll, source_report, at):
                    changed.append(poll.source)
                continue
            jobs.extend(self._new_jobs(poll, source_report, retries.get(poll.source.id or 0, []),
                                       at, claimed))
        self._fetch_and_ingest(jobs, report)
        for poll, source_report in zip(polls, report.sources, strict=True):
            if poll.error is None:
                self._succeeded(poll, source_report, at, report.stopped)
                changed.append(poll.source)
        self.book.save_state(*changed)  # one transaction for every source's state
        report.requests = self.fetcher.requests - requests_before
        report.finished = now()
        return report

    def run(self, rounds: int | None = None, ignore_schedule: bool = False,
            on_round: Callable[[RoundReport], None] | None = None) -> None:
        """Rounds until stopped (or ``rounds`` of them), waiting for the next due source."""
        done = 0
        while not self.stop.is_set():
            result = self.round(ignore_schedule=ignore_schedule and done == 0)
            done += 1
            if on_round is not None:
                on_round(result)
            if rounds is not None and done >= rounds:
                return
            self.stop.wait(self._idle())

    def _idle(self) -> float:
        """Seconds until the next source is due, at most ``watch_idle``."""
        upcoming = [s.next_poll() for s in self.book.all()]
        soonest = min((t for t in upcoming if t is not None), default=None)
        if soonest is None:
            return self.settings.watch_idle if upcoming == [] else 0.0
        return max(0.5, min(self.settings.watch_idle, (soonest - now()).total_seconds()))

    # -- polling sources --------------------------------------------------------------------

    def _poll_all(self, due: list[Source]) -> list[_Poll]:
        if not due:
            return []
        workers = max(1, min(self.settings.fetch_workers, len(due)))
        with ThreadPoolExecutor(workers, thread_name_prefix="thoisu-poll") as pool:
            return list(pool.map(self._poll, due))

    def _poll(self, source: Source) -> _Poll:
        poll = _Poll(source=source)
        if source.kind == "page":
            poll.listing = Listing(links=[Link(url=source.url)], sitemaps=[])
            return poll
        try:
            response = self.fetcher.get(source.url, source.etag, source.last_modified,
                                        accept=FEED_ACCEPT)
            poll.response = response
            if response.not_modified:
                return poll
            if response.status >= 400:
                raise FetchError(source.url, "http", f"{source.url}: HTTP {response.status}; "
                                 "check the address", status=response.status)
            data = unpack(response.content, self.settings.fetch_max_bytes)
            if source.kind == "feed":
                poll.listing = read_feed_links(data, response.headers)
            else:
                poll.listing = read_sitemap(data)
            _absolute(poll.listing, response.url)
            if poll.listing.sitemaps:
                self._read_children(poll)
        except (FetchError, NotASource) as exc:
            poll.error = exc
        except Stopped as exc:
            poll.error = FetchError(source.url, "stopped", str(exc))
        return poll

    def _read_children(self, poll: _Poll) -> None:
        """The URL sets of a sitemap index: the newest children, those changed since."""
        assert poll.listing is not None
        old = poll.source.children
        children = newest_first(poll.listing.sitemaps)[: self.settings.sitemap_max_children]
        state: dict[str, Any] = {}
        links: list[Link] = []
        for child in children:
            before = old.get(child.url) or {}
            if child.lastmod and before.get("lastmod") == child.lastmod:
                state[child.url] = before
                continue
            try:
                reply = self.fetcher.get(child.url, before.get("etag"),
                                         before.get("last_modified"), accept=FEED_ACCEPT)
                if reply.not_modified:
                    state[child.url] = before
                    continue
                if reply.status >= 400:
                    raise FetchError(child.url, "http", f"{child.url}: HTTP {reply.status}")
                listing = read_sitemap(unpack(reply.content, self.settings.fetch_max_bytes))
                _absolute(listing, reply.url)
            except (FetchError, NotASource) as exc:
                poll.child_errors.append(str(exc))
                if before:
                    state[child.url] = {**before, "lastmod": None}
                continue
            links.extend(listing.links)
            state[child.url] = {"etag": reply.headers.get("etag"),
                                "last_modified": reply.headers.get("last-modified"),
                                "lastmod": child.lastmod}
        poll.listing = Listing(links=links, sitemaps=poll.listing.sitemaps)
        poll.children = state

    def _new_jobs(self, poll: _Poll, report: SourceReport, retries: list[FetchRecord],
                  at: datetime, claimed: set[str]) -> list[_Job]:
        links = poll.listing.links if poll.listing is not None else []
        report.links = len(links)
        by_url: dict[str, Link] = {}
        for link in newest_first(links):
            url = clean_url(link.url, self._strip)
            if url.startswith(("http://", "https://")):
                by_url.setdefault(url, link)
        skip = set() if self.refetch or not by_url else self.book.skip_set(
            by_url, at, self.settings.source_url_attempts)
        fresh = [(u, x) for u, x in by_url.items() if u not in skip and u not in claimed]
        if len(fresh) > self.settings.source_max_new:
            fresh = fresh[: self.settings.source_max_new]
            report.complete = False  # the rest is taken next time: keep the feed re-read
        jobs = [_Job(link, url, report) for url, link in fresh]
        known = {j.url for j in jobs}
        jobs += [_Job(Link(url=r.url, published=r.published), r.url, report, r.attempts)
                 for r in retries if r.url not in known and r.url not in claimed]
        claimed.update(j.url for j in jobs)
        report.new = len(jobs)
        return jobs

    # -- fetching and ingesting articles -----------------------------------------------------

    def _fetch_and_ingest(self, jobs: list[_Job], report: RoundReport) -> None:
        pending: list[_Pending] = []
        seen: set[str] = set()  # canonical URLs met this round
        with ThreadPoolExecutor(max(1, self.settings.fetch_workers),
                                thread_name_prefix="thoisu-fetch") as pool:
            for job, outcome in self._fetched(pool, jobs):
                if self.stop.is_set():
                    report.stopped = True
                    break
                item = self._read(job, outcome, seen)
                if item is None:
                    continue
                if item.record.status == INGESTED:
                    pending.append(item)
                    if sum(len(p.articles) for p in pending) >= self.settings.watch_batch:
                        self._flush(pending, report)
                        pending = []
                else:
                    self._flush([item], report)
            else:
                report.stopped = self.stop.is_set()
            if report.stopped:
                for job in jobs:
                    job.report.complete = False
        self._flush(pending, report)

    def _fetched(self, pool: ThreadPoolExecutor, jobs: list[_Job]
                 ) -> Iterator[tuple[_Job, Response | FetchError | Stopped]]:
        """Each job with its page or its error, in job order; a window fetched ahead."""
        window = max(4, 4 * self.settings.fetch_workers)
        queue: deque[tuple[_Job, Future[Response]]] = deque()
        todo = iter(jobs)
        try:
            while True:
                while len(queue) < window and not self.stop.is_set():
                    job = next(todo, None)
                    if job is None:
                        break
                    queue.append((job, pool.submit(self.fetcher.get, job.url,
                                                   accept=PAGE_ACCEPT)))
                if not queue:
                    return
                job, future = queue.popleft()
                try:
                    yield job, future.result()
                except (FetchError, Stopped) as exc:
                    yield job, exc
        finally:
            for _job, future in queue:
                future.cancel()

    def _read(self, job: _Job, outcome: Response | FetchError | Stopped,
              seen: set[str]) -> _Pending | None:
        """What became of one fetched page (None: nothing to record, e.g. stopped)."""
        source = job.report.source
        if isinstance(outcome, Stopped):
            job.report.complete = False
            return None
        record = FetchRecord(url=job.url, canonical=job.url, source_id=source.id,
                             status=FAILED, fetched_at=now(), published=job.link.published)
        if isinstance(outcome, FetchError):
            return self._refused(job, record, outcome.message, outcome.permanent,
                                 outcome.retry_at)
        response = outcome
        record.fetched_at = response.fetched
        kind = response.content_type.split(";")[0].strip().lower()
        if response.status >= 400:
            permanent = response.status in (404, 410) or response.status < 500
            return self._refused(job, record, f"{job.url}: HTTP {response.status}", permanent)
        if kind not in HTML_TYPES:
            return self._refused(job, record, f"{job.url}: not an HTML page (content type "
                                 f"{kind}); not read", True)
        try:  # only to find the canonical link (ASCII in practice); read_html decodes properly
            text = response.content.decode(response.charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            text = response.content.decode("utf-8", errors="replace")
        canonical = clean_url(canonical_link(text, response.url) or response.url, self._strip)
        record.canonical = canonical
        if canonical in seen or (canonical != job.url and not self.refetch
                                 and self.book.canonical_known([canonical])):
            record.status = DUPLICATE
            job.report.duplicates += 1
            return _Pending(record, [], job.report)
        seen.add(canonical)
        try:
            articles = read_page(response, job.link, source, canonical, self.settings)
        except Exception as exc:  # one bad page must not stop the round
            return self._refused(job, record, f"{job.url}: could not be read "
                                 f"({type(exc).__name__}: {exc})", True)
        if not articles:
            record.status = EMPTY
            record.error = "no article text found (only boilerplate)"
            job.report.empty += 1
            return _Pending(record, [], job.report)
        record.status = INGESTED
        record.article_id = articles[0].id
        return _Pending(record, articles, job.report)

    @staticmethod
    def _refused(job: _Job, record: FetchRecord, message: str, permanent: bool,
                 retry_at: datetime | None = None) -> _Pending:
        record.status = REFUSED if permanent else FAILED
        record.error = message
        record.retry_at = retry_at
        job.report.failed.append((job.url, message))
        return _Pending(record, [], job.report)

    def _flush(self, pending: list[_Pending], report: RoundReport) -> None:
        """Ingest the pending articles, then record their URLs (in that order: a crash in
        between fetches them again, and the store's content ids keep them single)."""
        if not pending:
            return
        articles = [a for p in pending for a in p.articles]
        if articles:
            added, changed = ingest(self.store, articles, self.settings)
            report.added.extend(added)
            report.stories_changed += changed
            new = set(added)
            for item in pending:
                item.report.ingested += sum(a.id in new for a in item.articles)
        self.book.record(p.record for p in pending)

    # -- source state -----------------------------------------------------------------------

    def _failed(self, poll: _Poll, report: SourceReport, at: datetime) -> bool:
        """Count a failed poll and back the source off; False when it was not polled."""
        source = poll.source
        error = poll.error
        assert error is not None
        if isinstance(error, FetchError) and error.reason == "stopped":
            report.outcome = "not polled (stopped)"
            return False
        source.last_poll = at
        source.failures += 1
        source.last_error = str(error)
        source.last_error_at = at
        source.last_found = 0
        base = max(source.every, 60) * 2 ** (source.failures - 1)
        until = at + timedelta(seconds=min(self.settings.source_max_backoff, base))
        asked = getattr(error, "retry_at", None)
        if asked is not None and asked > until:
            until = asked
        source.backoff_until = until
        source.last_outcome = f"failed ({source.failures} in a row)"
        report.error = str(error)
        report.outcome = source.last_outcome
        return True

    def _succeeded(self, poll: _Poll, report: SourceReport, at: datetime,
                   stopped: bool) -> None:
        source = poll.source
        response = poll.response
        source.last_poll = at
        source.last_success = at
        source.failures = 0
        source.backoff_until = None
        source.last_found = report.ingested
        source.articles_found += report.ingested
        if response is not None and response.not_modified:
            report.outcome = "304 not modified"
        else:
            report.outcome = (f"{report.links} links, {report.new} new, "
                              f"{report.ingested} ingested")
            extra = [f"{n} {what}" for n, what in ((report.duplicates, "duplicates"),
                                                   (report.empty, "without text"),
                                                   (len(report.failed), "failed")) if n]
            if extra:
                report.outcome += ", " + ", ".join(extra)
            if report.complete and not stopped and response is not None:
                source.etag = response.headers.get("etag")
                source.last_modified = response.headers.get("last-modified")
                if poll.children is not None:
                    source.children = poll.children
        if poll.child_errors:
            source.last_error = "; ".join(poll.child_errors[:3])
            source.last_error_at = at
            report.outcome += f", {len(poll.child_errors)} sitemaps failed"
        source.last_outcome = report.outcome
