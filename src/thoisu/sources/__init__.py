"""Following sources: feeds, sitemaps and pages polled politely, their new articles ingested.

- :mod:`thoisu.sources.records`: :class:`Source` (with its polling state), ``FetchRecord``;
- :mod:`thoisu.sources.kinds`: what a document is, and the links a feed or sitemap lists;
- :mod:`thoisu.sources.urls`: tracking parameters stripped, ``rel=canonical`` read;
- :mod:`thoisu.sources.fetch`: the polite fetcher (robots.txt, pace, retries, caps);
- :mod:`thoisu.sources.watch`: one round over the due sources, into the store.

Nothing heavy is imported here: httpx and feedparser load with the modules that use them.
See docs/sources.md.
"""

from thoisu.sources.records import FetchRecord, Source

__all__ = ["FetchRecord", "Source"]
