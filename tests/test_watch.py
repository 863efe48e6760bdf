"""``thoisu watch`` end to end: a real news site on 127.0.0.1 whose feed, sitemap and pages
change between polls; the articles go into a real store and its stories."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_sources_server import STORIES, Site, article_html, cp1258, news_sitemap, rss
from thoisu.cli import cli
from thoisu.model import DUPLICATE, FAILED, INGESTED, REFUSED
from thoisu.settings import Settings
from thoisu.sources.dates import now
from thoisu.store import Store
from thoisu.store.sources import SourceBook
from thoisu.watch import Watcher

FAST = Settings(fetch_host_interval=0.0, fetch_timeout=1.5, fetch_backoff=0.05,
                fetch_max_retry_wait=2.0, fetch_max_bytes=1_000_000)
DATE = "Sun, 29 Nov 2026 08:00:00 +0700"


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with Site() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(f"sqlite:///{tmp_path / 'tin.db'}") as opened:
        yield opened


def publish(site: Site, story: str, number: int, path: str | None = None,
            canonical: bool = True) -> tuple[str, str, str]:
    """Put article ``number`` of ``story`` on the site; its feed item."""
    title, lead, paragraphs = STORIES[story][number]
    path = path or f"/{story}/bai-{number}.html"
    site.page(path, article_html(title, lead, paragraphs,
                                 canonical=site.url(path) if canonical else None))
    return title, site.url(path), DATE


def feed(site: Site, items: list[tuple[str, str, str]], path: str = "/rss/thoi-su.rss") -> str:
    site.page(path, rss(items), content_type="application/rss+xml; charset=utf-8")
    return site.url(path)


def follow(store: Store, url: str, kind: str = "feed", every: int = 900) -> int:
    source = SourceBook(store).add(url, "Báo Sông Hồng", kind, every)
    assert source.id is not None
    return source.id


def story_members(store: Store) -> list[list[str]]:
    titles = {a.id: a.title for a in store.list_articles()}
    return sorted(sorted(titles[i] for i in s.articles) for s in store.list_stories())


def records(store: Store) -> dict[str, tuple[str, str | None]]:
    return {r.url: (r.status, r.error) for r in SourceBook(store).fetched()}


def test_new_articles_appear_in_stories_after_the_next_round(site: Site, store: Store) -> None:
    items = [publish(site, "lu", 0), publish(site, "cao_toc", 0)]
    follow(store, feed(site, items))
    watcher = Watcher(store, FAST)
    first = watcher.round()
    assert first.sources[0].outcome == "2 links, 2 new, 2 ingested"
    assert len(first.added) == 2 and store.count_articles() == 2
    # the site publishes three more articles, two of them on the running stories
    items = [publish(site, "lu", 1), publish(site, "xang", 0), publish(site, "cao_toc", 1),
             *items]
    feed(site, items)
    second = watcher.round(ignore_schedule=True)
    assert second.sources[0].outcome == "5 links, 3 new, 3 ingested"
    assert store.count_articles() == 5
    assert sorted(len(m) for m in story_members(store)) == [1, 2, 2]
    lu = STORIES["lu"]
    assert sorted([lu[0][0], lu[1][0]]) in story_members(store)
    # articles carry the fetch evidence for the publication-date stage
    article = next(a for a in store.list_articles() if a.title == lu[1][0])
    assert article.url == site.url("/lu/bai-1.html")
    assert article.meta["published"] == DATE and article.meta["fetched"]
    assert article.meta["http_date"] and article.meta["feed"] == site.url("/rss/thoi-su.rss")
    assert article.published is not None and article.published.iso() == "2026-11-29"
    source = SourceBook(store).all()[0]
    assert (source.articles_found, source.last_found, source.failures) == (5, 3, 0)
    # the two running stories grew and one began; the first round's stories were not touched
    assert second.stories_changed == 3


def test_an_unchanged_feed_answers_304_and_is_not_re_read(site: Site, store: Store) -> None:
    follow(store, feed(site, [publish(site, "xang", 0)]))
    watcher = Watcher(store, FAST)
    watcher.round()
    hits = len(site.hits)
    again = watcher.round(ignore_schedule=True)
    assert again.sources[0].outcome == "304 not modified"
    assert [h.status for h in site.hits[hits:]] == [304]  # the feed, nothing else
    assert site.requests("/rss/thoi-su.rss")[-1].headers["if-none-match"]
    assert again.requests == 1 and again.added == []


def test_a_source_not_due_is_not_polled(site: Site, store: Store) -> None:
    follow(store, feed(site, [publish(site, "xang", 0)]), every=600)
    watcher = Watcher(store, FAST)
    watcher.round()
    hits = len(site.hits)
    assert watcher.round().sources == [] and len(site.hits) == hits
    later = watcher.round(at=now() + timedelta(seconds=601))
    assert later.sources[0].outcome == "304 not modified"


def test_robots_disallow_is_obeyed_and_the_rest_of_the_round_kept(site: Site,
                                                                  store: Store) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /rieng/\n", content_type="text/plain")
    items = [publish(site, "lu", 0, path="/rieng/lu.html"), publish(site, "lu", 1)]
    follow(store, feed(site, items))
    report = Watcher(store, FAST).round()
    assert site.requests("/rieng/lu.html") == []
    assert store.count_articles() == 1
    status, error = records(store)[site.url("/rieng/lu.html")]
    assert status == REFUSED and "robots.txt" in (error or "")
    assert report.sources[0].failed[0][0] == site.url("/rieng/lu.html")
    # refused for good: not asked again next round
    Watcher(store, FAST).round(ignore_schedule=True)
    assert site.requests("/rieng/lu.html") == []


def test_a_slow_page_times_out_and_is_fetched_in_a_later_round(site: Site,
                                                              store: Store) -> None:
    items = [publish(site, "lu", 0), publish(site, "lu", 1), publish(site, "xang", 0)]
    site.routes["/lu/bai-1.html"].delay = 4.0
    follow(store, feed(site, items))
    watcher = Watcher(store, FAST)
    report = watcher.round()
    assert store.count_articles() == 2  # nothing else of the round is lost
    status, error = records(store)[site.url("/lu/bai-1.html")]
    assert status == FAILED and "fetch_timeout" in (error or "")
    assert "2 ingested" in report.sources[0].outcome and "1 failed" in report.sources[0].outcome
    site.routes["/lu/bai-1.html"].delay = 0.0
    # the feed itself is unchanged (304), yet the failed URL is tried again
    again = watcher.round(ignore_schedule=True)
    assert again.sources[0].outcome.startswith("304") and len(again.added) == 1
    assert records(store)[site.url("/lu/bai-1.html")][0] == INGESTED


def test_a_503_with_a_long_retry_after_is_retried_after_it(site: Site, store: Store) -> None:
    items = [publish(site, "xang", 0), publish(site, "xang", 1)]
    route = site.routes["/xang/bai-1.html"]
    route.fail_times, route.retry_after = 1, "60"
    follow(store, feed(site, items))
    watcher = Watcher(store, FAST)
    watcher.round()
    assert store.count_articles() == 1
    fetched = {r.url: r for r in SourceBook(store).fetched()}[site.url("/xang/bai-1.html")]
    assert fetched.status == FAILED and fetched.retry_at is not None
    assert "Retry-After 60 s" in (fetched.error or "")
    watcher.round(ignore_schedule=True)  # too early: not asked
    assert len(site.requests("/xang/bai-1.html")) == 1
    watcher.round(at=now() + timedelta(seconds=61), ignore_schedule=True)
    assert len(site.requests("/xang/bai-1.html")) == 2 and store.count_articles() == 2


def test_a_10_mb_page_is_refused_at_the_cap_and_the_round_goes_on(site: Site,
                                                                 store: Store) -> None:
    items = [publish(site, "cao_toc", 0), ("Trang rất lớn", site.url("/to.html"), DATE),
             publish(site, "cao_toc", 1)]
    site.page("/to.html", b"<p>" + b"x" * (1 << 20), repeat=10, announce_length=False)
    follow(store, feed(site, items))
    report = Watcher(store, FAST).round()
    assert store.count_articles() == 2
    status, error = records(store)[site.url("/to.html")]
    assert status == REFUSED
    assert "larger than fetch_max_bytes (1,000,000 bytes; cut at 1,000,000 bytes)" in error
    assert report.failed == [(site.url("/to.html"), error)]


def test_one_article_reached_by_two_links_is_fetched_once_and_stored_once(
        site: Site, store: Store) -> None:
    title, url, date = publish(site, "lu", 2)
    # an AMP copy on another path says the first is its canonical page
    lead, paragraphs = STORIES["lu"][2][1:]
    site.page("/amp/lu-2.html", article_html(title, lead, paragraphs, canonical=url))
    items = [(title, url + "?utm_source=rss&utm_medium=feed", date),
             (title, url + "?fbclid=IwAR123", date),
             (title, site.url("/amp/lu-2.html"), date)]
    follow(store, feed(site, items))
    report = Watcher(store, FAST).round()
    assert store.count_articles() == 1
    assert len(site.requests("/lu/bai-2.html?utm_source=rss&utm_medium=feed")) == 0
    assert len(site.requests("/lu/bai-2.html")) == 1
    assert records(store)[site.url("/amp/lu-2.html")][0] == DUPLICATE
    assert report.sources[0].duplicates == 1
    # a second feed linking the same article does not fetch it again
    follow(store, feed(site, [(title, url + "?utm_campaign=x", date)], "/rss/khac.rss"))
    Watcher(store, FAST).round()
    assert len(site.requests("/lu/bai-2.html")) == 1


def test_relative_links_in_a_feed_are_read_against_the_feed_url(site: Site,
                                                                store: Store) -> None:
    title, _, date = publish(site, "cao_toc", 1)
    follow(store, feed(site, [(title, "/cao_toc/bai-1.html", date)]))
    assert len(Watcher(store, FAST).round().added) == 1
    assert store.list_articles()[0].url == site.url("/cao_toc/bai-1.html")


def test_a_url_already_ingested_is_fetched_again_only_when_asked(site: Site,
                                                                store: Store) -> None:
    follow(store, feed(site, [publish(site, "xang", 1)]), kind="feed")
    Watcher(store, FAST).round()
    route = site.routes["/rss/thoi-su.rss"]
    route.validators = False  # the feed is re-read each time
    Watcher(store, FAST).round(ignore_schedule=True)
    assert len(site.requests("/xang/bai-1.html")) == 1
    Watcher(store, FAST, refetch=True).round(ignore_schedule=True)
    assert len(site.requests("/xang/bai-1.html")) == 2 and store.count_articles() == 1


def test_a_news_sitemap_index_and_its_dates(site: Site, store: Store) -> None:
    entries = [(url, title, "2026-11-30T07:00:00+07:00")
               for title, url, _ in (publish(site, "cao_toc", 0), publish(site, "cao_toc", 1))]
    site.page("/sitemaps/news-1.xml", news_sitemap(entries), content_type="application/xml")
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9"><sitemap><loc>{site.url("/sitemaps/news-1.xml")}</loc>'
             "<lastmod>2026-11-30T08:00:00+07:00</lastmod></sitemap></sitemapindex>")
    site.page("/sitemap.xml", index, content_type="application/xml")
    follow(store, site.url("/sitemap.xml"), kind="sitemap")
    watcher = Watcher(store, FAST)
    report = watcher.round()
    assert report.sources[0].outcome == "2 links, 2 new, 2 ingested"
    article = store.list_articles()[0]
    assert article.meta["published"] == "2026-11-30T07:00:00+07:00"
    assert article.published is not None and article.published.iso() == "2026-11-30"
    # the index changes (new lastmod): the child is asked conditionally and answers 304
    site.page("/sitemap.xml", index.replace("08:00:00", "09:00:00"),
              content_type="application/xml")
    watcher.round(ignore_schedule=True)
    child = site.requests("/sitemaps/news-1.xml")
    assert [h.status for h in child] == [200, 304]


def test_a_page_source_is_fetched_once(site: Site, store: Store) -> None:
    _, url, _ = publish(site, "xang", 0)
    follow(store, url, kind="page")
    watcher = Watcher(store, FAST)
    assert len(watcher.round().added) == 1
    assert watcher.round(ignore_schedule=True).added == []
    assert len(site.requests("/xang/bai-0.html")) == 1


def test_the_charset_of_the_header_or_the_page_is_honoured(site: Site, store: Store) -> None:
    title, lead, paragraphs = STORIES["lu"][0]
    page = article_html(title, lead, paragraphs, charset="windows-1258")
    site.page("/cp-header.html", cp1258(page.replace('<meta charset="windows-1258">', "")),
              content_type="text/html; charset=windows-1258")
    title2, lead2, paragraphs2 = STORIES["xang"][0]
    site.page("/cp-meta.html", cp1258(article_html(title2, lead2, paragraphs2,
                                                   charset="windows-1258")),
              content_type="text/html")
    title3, lead3, paragraphs3 = STORIES["cao_toc"][0]
    site.page("/la.html", article_html(title3, lead3, paragraphs3),
              content_type="text/html; charset=x-khong-ro")  # a charset nobody knows
    follow(store, feed(site, [(title, site.url("/cp-header.html"), DATE),
                              (title2, site.url("/cp-meta.html"), DATE),
                              (title3, site.url("/la.html"), DATE)]))
    Watcher(store, FAST).round()
    titles = sorted(a.title for a in store.list_articles())
    assert titles == sorted([title, title2, title3])


def test_a_source_that_keeps_failing_is_backed_off_and_says_why(site: Site, store: Store,
                                                                tmp_path: Path) -> None:
    site.page("/hong.rss", "lỗi máy chủ", status=500, content_type="text/plain")
    source_id = follow(store, site.url("/hong.rss"), every=60)
    watcher = Watcher(store, FAST)
    at = now()
    watcher.round(at=at)
    book = SourceBook(store)
    first = book.get(source_id)
    assert first is not None and first.failures == 1
    assert first.backoff_until == at + timedelta(seconds=60)
    hits = len(site.requests("/hong.rss"))
    assert watcher.round(at=at + timedelta(seconds=30), ignore_schedule=True).sources == []
    assert len(site.requests("/hong.rss")) == hits  # not hammered
    watcher.round(at=at + timedelta(seconds=61))
    second = book.get(source_id)
    assert second is not None and second.failures == 2
    assert second.backoff_until == at + timedelta(seconds=61 + 120)  # doubled
    result = CliRunner().invoke(cli, ["sources", "list", "--db", str(store.engine.url)])
    assert result.exit_code == 0, result.output
    assert (f"[{source_id}] {site.url('/hong.rss')}: 2 failed polls in a row; backoff until "
            in result.output)
    assert "    error (" in result.output and "HTTP 500 after 3 tries" in result.output
    # once it answers again the backoff ends
    site.page("/hong.rss", rss([publish(site, "xang", 0)]), content_type="application/rss+xml")
    watcher.round(at=at + timedelta(seconds=61 + 121))
    healed = book.get(source_id)
    assert healed is not None and (healed.failures, healed.backoff_until) == (0, None)
    assert healed.articles_found == 1


def test_a_stop_mid_round_loses_nothing(site: Site, store: Store) -> None:
    items = [publish(site, "lu", k) for k in range(3)] + [publish(site, "xang", 0)]
    follow(store, feed(site, items))
    stop = threading.Event()
    site.routes["/lu/bai-1.html"].on_request = lambda _path: stop.set()
    watcher = Watcher(store, FAST.replace(fetch_workers=1), stop=stop)
    report = watcher.round()
    assert report.stopped and store.count_articles() < 4
    source = SourceBook(store).all()[0]
    assert source.etag is None  # not every link was handled: the feed is read again
    stop.clear()
    site.routes["/lu/bai-1.html"].on_request = None
    watcher.round(ignore_schedule=True)
    assert store.count_articles() == 4
    assert all(status == INGESTED for status, _ in records(store).values())


def test_the_migrations_build_the_sources_tables(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from thoisu.store.schema import metadata

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if "sources" in str(d) or "fetched_urls" in str(d)] == []


def test_pages_that_are_not_html_are_refused_with_the_reason(site: Site, store: Store) -> None:
    site.page("/anh.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)  # binary, said html
    site.page("/tai-lieu.pdf", b"%PDF-1.7", content_type="application/pdf")
    items = [("Ảnh", site.url("/anh.html"), DATE), ("PDF", site.url("/tai-lieu.pdf"), DATE),
             publish(site, "xang", 1)]
    follow(store, feed(site, items))
    Watcher(store, FAST).round()
    assert store.count_articles() == 1
    found = records(store)
    assert found[site.url("/anh.html")][0] == REFUSED
    assert "binary" in (found[site.url("/anh.html")][1] or "")
    assert "not an HTML page (content type application/pdf)" in (
        found[site.url("/tai-lieu.pdf")][1] or "")
