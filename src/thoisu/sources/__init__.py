"""Following sources: feeds, sitemaps and pages fetched politely.

- :class:`Source` (with its polling state) and ``FetchRecord`` are records of :mod:`thoisu.model`;
- :mod:`thoisu.sources.kinds`: what a document is, and the links a feed or sitemap lists;
- :mod:`thoisu.sources.urls`: tracking parameters stripped, ``rel=canonical`` read;
- :mod:`thoisu.sources.fetch`: the polite fetcher (robots.txt, pace, retries, caps);
- :mod:`thoisu.watch` (beside :mod:`thoisu.ingest`, an application of the stages, not a reader):
  one round over the due sources, into the store.

Nothing heavy is imported here: httpx and feedparser load with the modules that use them.
See docs/sources.md.
"""

from thoisu.model import FetchRecord, Source

__all__ = ["FetchRecord", "Source"]
