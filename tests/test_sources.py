"""Sources: URL cleaning, feed and sitemap links, and the polite fetcher against a real server
on 127.0.0.1 (robots.txt, pace, concurrency, retries with Retry-After, timeouts, size cap,
redirects, conditional requests, User-Agent)."""

from __future__ import annotations

import gzip
import itertools
import threading
import time
from datetime import timedelta

import pytest

from test_sources_server import Site, cp1258
from thoisu.model import Source
from thoisu.settings import Settings
from thoisu.sources.dates import now, parse_every
from thoisu.sources.fetch import Fetcher, FetchError, user_agent
from thoisu.sources.kinds import (
    NotASource,
    detect_kind,
    newest_first,
    read_feed_links,
    read_sitemap,
    unpack,
)
from thoisu.sources.urls import canonical_link, check_url, clean_url

FAST = Settings(fetch_host_interval=0.0, fetch_timeout=1.5, fetch_backoff=0.05,
                fetch_max_retry_wait=2.0, fetch_max_bytes=1_000_000,
                fetch_contact="https://tin.example.vn/lien-he")


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with Site() as running:
        yield running


@pytest.fixture
def fetcher():  # type: ignore[no-untyped-def]
    with Fetcher(FAST) as made:
        yield made


# -- URLs ---------------------------------------------------------------------------------


def test_tracking_parameters_go_and_the_others_stay_as_written() -> None:
    url = ("https://Bao.example.vn:443/thoi-su/bai-1.html?id=7&utm_source=zalo&utm_medium=x"
           "&fbclid=AbC&gclid=1&zarsrc=30&q=a%20b#binh-luan")
    assert clean_url(url) == "https://bao.example.vn/thoi-su/bai-1.html?id=7&q=a%20b"
    assert clean_url("http://bao.vn:8080/a?ref=home", strip=["ref"]) == "http://bao.vn:8080/a"
    assert clean_url("https://bao.vn") == "https://bao.vn/"


def test_two_links_to_one_article_clean_to_one_url() -> None:
    a = clean_url("https://bao.vn/xa-hoi/lu-quang-ngai.html?utm_campaign=sang")
    b = clean_url("HTTPS://BAO.VN/xa-hoi/lu-quang-ngai.html?fbclid=IwAR0#top")
    assert a == b


def test_canonical_link_is_read_and_resolved() -> None:
    page = ("<html><head><meta charset=utf-8><link href='https://bao.vn/a-1.html?utm_source=fb'"
            " rel='canonical'></head><body><link rel=canonical href=/khac.html></body></html>")
    assert canonical_link(page, "https://m.bao.vn/a-1.html") == "https://bao.vn/a-1.html?utm_source=fb"
    assert canonical_link("<head><title>x</title></head>", "https://bao.vn/a.html") is None
    # a template slip: every article says the front page is its canonical URL
    assert canonical_link('<link rel="canonical" href="https://bao.vn">',
                          "https://bao.vn/a.html") is None


def test_a_bad_url_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError, match="http:// or https:// URL"):
        check_url("bao.vn/rss")
    with pytest.raises(ValueError, match="http:// or https://"):
        check_url("ftp://bao.vn/rss")


def test_intervals() -> None:
    assert parse_every("15m") == 900
    assert parse_every("1d") == 86400
    with pytest.raises(ValueError, match="15m, 2h"):
        parse_every("mười lăm phút")


# -- documents ----------------------------------------------------------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kinh tế - Báo Sông Hồng</title>
<entry><title>Giá lúa tăng</title><link rel="alternate" href="https://bao.vn/lua.html"/>
<link rel="enclosure" href="https://bao.vn/lua.jpg"/><id>tag:bao.vn,2026:1</id>
<updated>2026-11-30T09:00:00+07:00</updated></entry>
<entry><title>Không có link</title><id>tag:bao.vn,2026:2</id></entry></feed>"""


def test_atom_entries_give_their_alternate_link_and_date() -> None:
    listing = read_feed_links(ATOM.encode())
    assert listing.title == "Kinh tế - Báo Sông Hồng"
    assert [(x.url, x.title, x.published) for x in listing.links] == [
        ("https://bao.vn/lua.html", "Giá lúa tăng", "2026-11-30T09:00:00+07:00")]


def test_a_broken_feed_says_so() -> None:
    with pytest.raises(NotASource, match="not a readable RSS or Atom feed"):
        read_feed_links(b"<html><body>503 Service Unavailable</body></html>")


NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://bao.vn/cu.html</loc><news:news><news:publication_date>2026-11-28T07:00:00+07:00
</news:publication_date><news:title>Tin cũ</news:title></news:news></url>
<url><loc>https://bao.vn/moi.html</loc><news:news><news:publication_date>2026-11-30T07:00:00+07:00
</news:publication_date><news:title>Tin mới</news:title></news:news></url>
</urlset>"""


def test_a_news_sitemap_gives_titles_and_dates_newest_first() -> None:
    listing = read_sitemap(NEWS_SITEMAP.encode())
    assert [x.title for x in newest_first(listing.links)] == ["Tin mới", "Tin cũ"]
    assert listing.links[1].published == "2026-11-30T07:00:00+07:00"


def test_gzipped_sitemaps_are_unpacked_within_the_cap() -> None:
    packed = gzip.compress(NEWS_SITEMAP.encode())
    assert detect_kind(packed) == "sitemap"
    assert len(read_sitemap(unpack(packed, 1_000_000)).links) == 2
    with pytest.raises(NotASource, match="fetch_max_bytes"):
        unpack(gzip.compress(b"<urlset>" + b" " * 50_000 + b"</urlset>"), 1_000)


def test_kinds_are_recognised() -> None:
    assert detect_kind(ATOM.encode()) == "feed"
    assert detect_kind(b"<?xml version='1.0'?><!-- x --><rss version='2.0'/>") == "feed"
    assert detect_kind(b"<html><body>Tin</body></html>") == "page"
    with pytest.raises(NotASource, match="give --kind"):
        detect_kind(b'{"json": true}', "application/json")


# -- the fetcher on a real server ---------------------------------------------------------


def test_the_user_agent_names_thoisu_its_version_and_the_contact(site: Site,
                                                                  fetcher: Fetcher) -> None:
    site.page("/a.html", "<p>Tin</p>")
    fetcher.get(site.url("/a.html"))
    agent = site.requests("/a.html")[0].headers["user-agent"]
    assert agent == user_agent(FAST)
    assert agent.startswith("thoisu/") and "https://tin.example.vn/lien-he" in agent
    # robots.txt was asked for first, by the same agent
    assert site.requests("/robots.txt")[0].headers["user-agent"] == agent


def test_robots_disallow_is_obeyed_and_the_page_never_requested(site: Site,
                                                                fetcher: Fetcher) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /rieng/\n", content_type="text/plain")
    site.page("/rieng/bai.html", "<p>Tin riêng</p>")
    site.page("/cong-khai/bai.html", "<p>Tin</p>")
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/rieng/bai.html"))
    assert caught.value.reason == "robots" and caught.value.permanent
    assert "robots.txt" in str(caught.value) and "disallows" in str(caught.value)
    assert site.requests("/rieng/bai.html") == []
    assert fetcher.get(site.url("/cong-khai/bai.html")).status == 200
    assert len(site.requests("/robots.txt")) == 1  # kept, not asked again


def test_robots_for_thoisu_by_name(site: Site, fetcher: Fetcher) -> None:
    site.page("/robots.txt", "User-agent: thoisu\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
              content_type="text/plain")
    site.page("/a.html", "<p>Tin</p>")
    with pytest.raises(FetchError, match="disallows"):
        fetcher.get(site.url("/a.html"))


def test_an_unreachable_robots_txt_means_nothing_is_fetched_with_the_reason(
        site: Site, fetcher: Fetcher) -> None:
    site.page("/robots.txt", "lỗi", status=500, content_type="text/plain")
    site.page("/a.html", "<p>Tin</p>")
    with pytest.raises(FetchError, match=r"robots\.txt could not be read \(HTTP 500\)"):
        fetcher.get(site.url("/a.html"))
    assert site.requests("/a.html") == []


def test_a_slow_page_times_out(site: Site, fetcher: Fetcher) -> None:
    site.page("/cham.html", "<p>Tin</p>", delay=4.0)
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/cham.html"))
    assert caught.value.reason == "timeout" and not caught.value.permanent
    assert "fetch_timeout (1.5 s" in str(caught.value)


def test_a_503_with_retry_after_is_retried_after_the_pause(site: Site, fetcher: Fetcher) -> None:
    site.page("/ban.html", "<p>Tin</p>", fail_times=1, retry_after="1")
    response = fetcher.get(site.url("/ban.html"))
    assert response.status == 200 and response.tries == 2
    first, second = site.requests("/ban.html")
    assert first.status == 503 and second.status == 200
    assert second.at - first.at >= 0.9  # Retry-After honoured, not the 0.05 s backoff


def test_a_long_retry_after_is_not_waited_for_but_kept(site: Site, fetcher: Fetcher) -> None:
    site.page("/ban.html", "<p>Tin</p>", fail_times=5, retry_after="120")
    before = now()
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/ban.html"))
    assert caught.value.status == 503 and caught.value.retry_at is not None
    assert caught.value.retry_at >= before + timedelta(seconds=119)
    assert "Retry-After 120 s" in str(caught.value)
    assert len(site.requests("/ban.html")) == 1


def test_5xx_without_retry_after_backs_off_then_gives_up(site: Site, fetcher: Fetcher) -> None:
    site.page("/hong.html", "x", status=502)
    with pytest.raises(FetchError, match="HTTP 502 after 3 tries"):
        fetcher.get(site.url("/hong.html"))
    assert len(site.requests("/hong.html")) == 3


@pytest.mark.parametrize("announce", [True, False])
def test_a_10_mb_page_is_cut_at_the_cap_with_a_clear_error(site: Site, fetcher: Fetcher,
                                                            announce: bool) -> None:
    site.page("/to.html", b"<p>" + b"a" * (1 << 20), repeat=10, announce_length=announce)
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/to.html"))
    message = str(caught.value)
    assert caught.value.reason == "too_large" and caught.value.permanent
    assert "larger than fetch_max_bytes (1,000,000 bytes" in message
    assert ("announces 10,485,790 bytes" if announce else "cut at 1,000,000 bytes") in message
    # the fetcher is still fine for the next page
    site.page("/nho.html", "<p>Tin</p>")
    assert fetcher.get(site.url("/nho.html")).status == 200


def test_redirects_are_followed_within_the_limit(site: Site) -> None:
    site.page("/cu.html", "", status=301, headers={"Location": "/giua.html"})
    site.page("/giua.html", "", status=302, headers={"Location": site.url("/moi.html")})
    site.page("/moi.html", "<p>Tin</p>")
    with Fetcher(FAST.replace(fetch_max_redirects=2)) as fetcher:
        response = fetcher.get(site.url("/cu.html"))
        assert response.url == site.url("/moi.html")
        assert response.redirects == [site.url("/cu.html"), site.url("/giua.html")]
        site.page("/vong.html", "", status=302, headers={"Location": "/vong.html"})
        with pytest.raises(FetchError, match="more than 2 redirects"):
            fetcher.get(site.url("/vong.html"))


def test_conditional_requests_get_304(site: Site, fetcher: Fetcher) -> None:
    site.page("/rss", "<rss version='2.0'><channel/></rss>", content_type="application/rss+xml")
    first = fetcher.get(site.url("/rss"))
    again = fetcher.get(site.url("/rss"), etag=first.headers["etag"],
                        last_modified=first.headers["last-modified"])
    assert again.not_modified and again.content == b""
    assert site.requests("/rss")[1].headers["if-none-match"] == first.headers["etag"]


def test_requests_to_one_host_are_paced_and_capped(site: Site) -> None:
    for k in range(4):
        site.page(f"/{k}.html", "<p>Tin</p>", delay=0.15)
    # The pace (0.4 s) is well above the page's delay (0.15 s), so gaps of 0.3 s come from the
    # pace, not from one request at a time; 0.1 s is left for the server's own clock under load.
    settings = FAST.replace(fetch_host_interval=0.4, fetch_host_concurrency=1)
    with Fetcher(settings) as fetcher:
        threads = [threading.Thread(target=fetcher.get, args=(site.url(f"/{k}.html"),))
                   for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    starts = sorted(h.at for h in site.hits if h.path != "/robots.txt")
    assert len(starts) == 4 and site.max_active == 1
    assert all(b - a >= 0.3 for a, b in itertools.pairwise(starts))


def test_crawl_delay_slows_the_pace(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    site.page("/a.html", "<p>Tin</p>")
    site.page("/b.html", "<p>Tin</p>")
    with Fetcher(FAST) as fetcher:
        fetcher.get(site.url("/a.html"))
        fetcher.get(site.url("/b.html"))
    a, b = site.requests("/a.html")[0], site.requests("/b.html")[0]
    assert b.at - a.at >= 0.9


def test_a_stop_interrupts_a_wait_for_a_retry(site: Site) -> None:
    site.page("/ban.html", "<p>Tin</p>", fail_times=3, retry_after="2")
    from thoisu.sources.fetch import Stopped

    stop = threading.Event()
    with Fetcher(FAST, stop=stop) as fetcher:
        threading.Timer(0.2, stop.set).start()
        started = time.monotonic()
        with pytest.raises(Stopped):
            fetcher.get(site.url("/ban.html"))
    assert time.monotonic() - started < 1.9


def test_the_charset_of_the_http_header_is_kept(site: Site, fetcher: Fetcher) -> None:
    site.page("/cp.html", cp1258("<p>Hòa Bình</p>"),
              content_type="text/html; charset=windows-1258")
    assert fetcher.get(site.url("/cp.html")).charset == "windows-1258"


def test_a_source_is_due_after_its_interval_and_not_during_a_backoff() -> None:
    at = now()
    source = Source(id=1, url="https://bao.vn/rss", name="x", kind="feed", every=900)
    assert source.is_due(at)
    source.last_poll = at
    assert not source.is_due(at + timedelta(seconds=899))
    assert source.is_due(at + timedelta(seconds=900))
    assert source.is_due(at, ignore_schedule=True)
    source.backoff_until = at + timedelta(hours=2)
    assert not source.is_due(at + timedelta(hours=1), ignore_schedule=True)
    assert source.next_poll() == at + timedelta(hours=2)
