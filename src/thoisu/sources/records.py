"""The records of following sources: a source with its polling state, a fetched URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

# What became of a URL thoisu fetched (``FetchRecord.status``):
INGESTED = "ingested"  # read, cleaned and stored as an article (or found already stored)
DUPLICATE = "duplicate"  # its canonical URL is an article already fetched
EMPTY = "empty"  # fetched, but no article text on it (index page, video page)
REFUSED = "refused"  # will not be tried again: robots.txt, too large, not HTML
FAILED = "failed"  # timeout, 5xx, network: tried again in later rounds, a few times


@dataclass
class Source:
    """A feed, sitemap or page that thoisu polls, and how its polls went.

    ``every`` is seconds between polls. ``failures`` counts polls failed in a row; while it
    is above zero the source waits until ``backoff_until``, and ``last_error`` says why.
    """

    id: int | None
    url: str
    name: str
    kind: str  # feed, sitemap, page
    every: int
    added_at: datetime | None = None
    last_poll: datetime | None = None
    last_success: datetime | None = None
    last_outcome: str | None = None  # "304 not modified", "20 links, 3 new, 3 ingested"
    articles_found: int = 0  # articles ingested from this source, all polls
    last_found: int = 0  # ... in the last poll
    failures: int = 0
    backoff_until: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    children: dict[str, Any] = field(default_factory=dict)  # sitemap index: child validators

    def next_poll(self) -> datetime | None:
        """When the source is due: after ``every`` from the last poll, and after any backoff.

        None: never polled, so due now.
        """
        due = self.last_poll + timedelta(seconds=self.every) if self.last_poll else None
        if self.backoff_until is not None and (due is None or self.backoff_until > due):
            return self.backoff_until
        return due

    def is_due(self, at: datetime, ignore_schedule: bool = False) -> bool:
        """Due at ``at``; ``ignore_schedule`` polls it anyway, but never inside a backoff."""
        if self.backoff_until is not None and self.backoff_until > at:
            return False
        if ignore_schedule:
            return True
        due = self.next_poll()
        return due is None or due <= at

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        next_poll = self.next_poll()
        return {
            "id": self.id, "url": self.url, "name": self.name, "kind": self.kind,
            "every": self.every, "added_at": iso(self.added_at),
            "last_poll": iso(self.last_poll), "last_success": iso(self.last_success),
            "last_outcome": self.last_outcome, "articles_found": self.articles_found,
            "last_found": self.last_found, "failures": self.failures,
            "backoff_until": iso(self.backoff_until), "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "next_poll": iso(next_poll),
        }


@dataclass
class FetchRecord:
    """A URL fetched for a source, what it became, and (failed) when to try it again."""

    url: str  # as linked, tracking parameters stripped
    canonical: str  # the page's rel=canonical (cleaned), else the URL after redirects
    source_id: int | None
    status: str
    fetched_at: datetime
    article_id: str | None = None
    error: str | None = None
    retry_at: datetime | None = None
    attempts: int = 1
    published: str | None = None  # the listing's date for the link, kept for a retry
