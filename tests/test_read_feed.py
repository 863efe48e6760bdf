"""The feed reader on RSS and Atom files written in tmp_path, and feeds through the pipeline."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest

from test_read_encoding import cp1258
from thoisu.model import Article, Origin, Problem, RawPage
from thoisu.pipeline import process
from thoisu.read import iter_pages, read_feed, sniff_format
from thoisu.settings import Settings

SETTINGS = Settings()

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Báo Tin Nhanh - Thời sự</title>
    <link>https://tinnhanh.example.vn/thoi-su</link>
    <atom:link href="https://tinnhanh.example.vn/rss/thoi-su.rss" rel="self"/>
    <item>
      <title>Hà Nội mưa lớn, nhiều tuyến phố ngập sâu</title>
      <atom:link href="https://tinnhanh.example.vn/khong-phai-link-bai"/>
      <link>https://tinnhanh.example.vn/ha-noi-mua-lon-101.html</link>
      <guid isPermaLink="false">tn-101</guid>
      <pubDate>Tue, 24 Jan 2017 08:30:00 +0700</pubDate>
      <dc:creator>Minh Anh</dc:creator>
      <description><![CDATA[<p>Mưa lớn kéo dài khiến phố ngập.</p>]]></description>
      <content:encoded><![CDATA[<p>Trận mưa kéo dài từ tối qua khiến nhiều tuyến phố ngập sâu.</p>
<p>Công ty thoát nước đã vận hành các trạm bơm lớn.</p>]]></content:encoded>
    </item>
    <item>
      <title>Giá vàng tăng mạnh</title>
      <link>https://tinnhanh.example.vn/gia-vang-102.html</link>
      <guid>https://tinnhanh.example.vn/gia-vang-102.html</guid>
      <pubDate>Wed, 25 Jan 2017 09:00:00 +0700</pubDate>
      <description>&lt;p&gt;Giá vàng tăng nửa triệu đồng.&amp;nbsp;&lt;/p&gt;</description>
    </item>
    <item>
      <title>Chỉ có tiêu đề</title>
      <link>https://tinnhanh.example.vn/chi-tieu-de-103.html</link>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Tin &lt;b&gt;Đà Nẵng&lt;/b&gt;</title>
  <id>urn:tin:da-nang</id>
  <updated>2017-03-28T10:00:00+07:00</updated>
  <entry>
    <title>Đà Nẵng miễn học phí cho học sinh phổ thông</title>
    <link rel="self" href="https://tin.example.vn/api/201"/>
    <link rel="alternate" type="text/html" href="https://tin.example.vn/mien-hoc-phi-201"/>
    <id>urn:tin:201</id>
    <published>2017-03-28T07:15:00+07:00</published>
    <updated>2017-03-28T09:00:00+07:00</updated>
    <author><name>Lê Hoa</name></author>
    <summary>Hội đồng nhân dân thành phố thông qua nghị quyết.</summary>
    <content type="html">&lt;p&gt;Chính sách áp dụng từ tháng 9 năm nay.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Khai giảng sớm một tuần</title>
    <link href="https://tin.example.vn/khai-giang-202"/>
    <id>urn:tin:202</id>
    <updated>2017-08-20T06:00:00+07:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Các trường
      <b>khai giảng</b> sớm hơn mọi năm.</p></div></content>
  </entry>
  <entry>
    <title>Bản tin ngắn</title>
    <id>urn:tin:203</id>
    <updated>2017-08-21T06:00:00+07:00</updated>
    <summary>Trời nắng nóng kéo dài ở miền Trung.</summary>
  </entry>
</feed>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read(path: Path) -> list[RawPage | Problem]:
    return list(iter_pages([str(path)], SETTINGS))


def test_rss_items_with_cdata_html(tmp_path: Path) -> None:
    path = write(tmp_path, "thoi-su.rss", RSS)
    first, second, third = read(path)
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    # content:encoded (the full text) wins over the description
    assert first.html is not None and first.html.startswith("<html><body><p>Trận mưa kéo dài")
    assert "trạm bơm" in first.html and first.text is None
    assert first.meta == {
        "title": "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu",
        "url": "https://tinnhanh.example.vn/ha-noi-mua-lon-101.html",  # not the atom:link
        "published": "Tue, 24 Jan 2017 08:30:00 +0700",
        "id": "tn-101",
        "author": "Minh Anh",
        "source": "Báo Tin Nhanh - Thời sự",
    }
    assert first.origin == Origin(str(path), line=1, id="tn-101")
    assert second.html == "<html><body><p>Giá vàng tăng nửa triệu đồng.&nbsp;</p></body></html>"
    assert second.origin.line == 2
    assert isinstance(third, Problem) and third.kind == "skipped"
    assert str(third) == (f"{path}:3: feed item has no content (no description, content or "
                          "summary); nothing to read")


def test_atom_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "da-nang.atom", ATOM)
    first, second, third = read(path)
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    assert isinstance(third, RawPage)
    # content over summary
    assert first.html == "<html><body><p>Chính sách áp dụng từ tháng 9 năm nay.</p></body></html>"
    assert first.meta == {
        "title": "Đà Nẵng miễn học phí cho học sinh phổ thông",
        "url": "https://tin.example.vn/mien-hoc-phi-201",  # rel=alternate, not rel=self
        "published": "2017-03-28T07:15:00+07:00",  # published, not updated
        "id": "urn:tin:201",
        "author": "Lê Hoa",
        "source": "Tin Đà Nẵng",  # type="html" title: markup dropped
    }
    assert first.origin == Origin(str(path), line=1, id="urn:tin:201")
    assert second.html is not None and "<b>khai giảng</b>" in second.html
    assert "xhtml" not in second.html and "ns0" not in second.html
    assert second.meta["published"] == "2017-08-20T06:00:00+07:00"  # updated, as no published
    assert second.meta["url"] == "https://tin.example.vn/khai-giang-202"
    # a text summary is text, not HTML
    assert third.text == "Trời nắng nóng kéo dài ở miền Trung." and third.html is None
    assert "url" not in third.meta


@pytest.mark.parametrize("content, detail", [
    ("<rss><channel><item><title>Mưa</title></channel></rss>", "mismatched tag: line 1, column"),
    ("<rss><channel><title>Tin</title>", "no element found: line 1, column"),
    ('<!DOCTYPE rss [<!ENTITY x "bom">]><rss><channel><item>&x;</item></channel></rss>',
     "EntitiesForbidden"),
])
def test_broken_feed_is_one_problem(tmp_path: Path, content: str, detail: str) -> None:
    path = write(tmp_path, "hong.xml", content)
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Problem)
    message = str(items[0])
    assert message.startswith(f"{path}: not a valid RSS or Atom feed (")
    assert detail in message and message.endswith("); check the file")
    assert items[0].kind == "failed"


def test_empty_channel_and_other_xml(tmp_path: Path) -> None:
    empty = write(tmp_path, "rong.rss",
                  "<rss version='2.0'><channel><title>Tin</title></channel></rss>")
    sitemap = write(tmp_path, "sitemap.xml",
                    "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'></urlset>")
    assert [str(p) for p in read(empty)] == [f"{empty}: feed has no items; nothing to read"]
    assert [str(p) for p in read(sitemap)] == [
        f"{sitemap}: XML, but not an RSS or Atom feed (its root is <urlset>); nothing to read"]
    assert all(p.kind == "skipped" for p in read(empty) + read(sitemap))  # type: ignore[union-attr]


def test_binary_and_empty_feed_files(tmp_path: Path) -> None:
    binary = write(tmp_path, "anh.rss", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (problem,) = read(binary)
    assert isinstance(problem, Problem) and "binary file (NUL bytes)" in str(problem)
    (problem,) = read(write(tmp_path, "rong.atom", b""))
    assert isinstance(problem, Problem) and "empty file" in str(problem)


def test_declared_legacy_encoding_and_html_entities(tmp_path: Path) -> None:
    feed = ('<?xml version="1.0" encoding="windows-1258"?><rss><channel><title>Tin</title>'
            "<item><title>Thời tiết&nbsp;hôm nay</title><description>Trời &quot;nắng&quot;"
            "</description></item></channel></rss>")
    path = write(tmp_path, "cu.rss", cp1258(feed))
    (page,) = read(path)
    assert isinstance(page, RawPage), str(page)
    assert page.encoding == "cp1258"
    # decomposed tone marks, as cp1258 writes them; the cleaner's NFC composes them
    assert unicodedata.normalize("NFC", page.meta["title"]) == "Thời tiết\xa0hôm nay"
    assert unicodedata.normalize("NFC", page.html or "") == '<html><body>Trời "nắng"</body></html>'


def test_feeds_are_sniffed_without_an_extension(tmp_path: Path) -> None:
    assert sniff_format(RSS.encode()) == "feed"
    assert sniff_format(ATOM.encode()) == "feed"
    assert sniff_format(b'<?xml version="1.0"?>\n<html><body>x</body></html>') == "html"
    assert sniff_format(b"<feedback>x</feedback>") == "html"
    assert sniff_format(b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "rss.dtd">\n'
                        b"<!-- tin -->\n<rss version='0.91'>") == "feed"
    assert sniff_format(b"<!DOCTYPE html>\n<html><body>x</body></html>") == "html"
    items = list(iter_pages(["-"], SETTINGS, stdin=io.BytesIO(ATOM.encode())))
    assert [p.origin.line for p in items if isinstance(p, RawPage)] == [1, 2, 3]
    assert len(list(read_feed(RSS.encode(), "tin.rss"))) == 3


def test_feed_items_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path, "da-nang.atom", ATOM)
    problems: list[Problem] = []
    articles: list[Article] = list(process([str(path)], SETTINGS.replace(segmenter="syllable"),
                                           problems.append))
    assert articles, [str(p) for p in problems]
    first = articles[0]
    assert first.title == "Đà Nẵng miễn học phí cho học sinh phổ thông"
    assert first.url == "https://tin.example.vn/mien-hoc-phi-201"
    assert first.origin.id == "urn:tin:201"
    assert "Chính sách áp dụng từ tháng 9 năm nay." in first.full_text
    # a paragraph broken across source lines stays one paragraph
    assert articles[1].full_text.endswith("Các trường khai giảng sớm hơn mọi năm.")


def test_a_whole_page_in_an_item_is_left_as_it_is() -> None:
    page = "<html><head><title>Tin</title></head><body><p>Mưa.</p></body></html>"
    feed = (f"<rss><channel><item><description><![CDATA[{page}]]></description></item>"
            "</channel></rss>")
    (item,) = read_feed(feed.encode(), "tin.rss")
    assert isinstance(item, RawPage) and item.html == page
