"""Property tests for the cleaner (text and HTML) and the JSON Lines reader.

Each must never raise, never lose the text it should keep, and finish. A small budget runs by
default; ``-m slow`` runs a larger one (CI does).
"""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoisu.clean import clean_page, clean_text
from thoisu.clean.html_meta import page_metadata, parse_html
from thoisu.model import Origin, Problem, RawPage
from thoisu.read.jsonl import read_jsonl
from thoisu.read.validate import validate_record
from thoisu.settings import Settings

S = Settings()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Hà", "Nội", "mưa", "lớn", "ngày", "3/2", "Ảnh:", "(Ảnh: Minh An)", "Tin", "liên",
         "quan", "Chia", "sẻ", "TTO", "-", "Theo", "VnExpress", "sáng", "nay", "đã", "cho",
         "biết", "người", "dân", ".", ",", "?", "\"", "©", "2024", "Xem", "thêm:", "ảnh", "1",
         "\u0301", "\ufffd", "\u200b", "\t", "<", ">", "&amp;", "|", "..."]
line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=30).map(" ".join)
page_text = st.lists(st.one_of(line, st.text(max_size=80)), max_size=25).map("\n".join)
TAGS = ["p", "div", "h1", "h2", "figcaption", "figure", "li", "ul", "span", "script", "style",
        "article", "a", "table", "td", "tr", "blockquote", "strong"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        cls = draw(st.sampled_from(["", "sapo", "description", "caption", "date", "x"]))
        attr = f' class="{cls}"' if cls else ""
        opened = draw(st.booleans())
        parts.append(f"<{tag}{attr}>" if opened else f"</{tag}>")
        parts.append(draw(line))
    return "<html><body>" + "".join(parts) + "</body></html>"


_TOKENS = re.compile(r"[^\W_]+")


def _kept_words(text: str) -> set[str]:
    return {w.lower() for w in _TOKENS.findall(text)}


def _check_text(text: str) -> None:
    articles = clean_text(text, S)
    for a in articles:
        assert isinstance(a.title, str) and isinstance(a.lead, str)
        # Every kept or removed line is a line of the page (nothing invented).
        for removed in a.removed:
            assert removed.rule


def _check_html(html: str) -> None:
    articles = clean_page(RawPage(Origin("f.html"), html=html), S)
    for a in articles:
        assert a.lead or a.paragraphs
        assert "<script" not in a.title
    page_metadata(parse_html(html))


@FAST
@given(page_text)
def test_text_cleaner_never_raises(text: str) -> None:
    _check_text(text)


@FAST
@given(html_pages())
def test_html_cleaner_never_raises(html: str) -> None:
    _check_html(html)


@FAST
@given(st.lists(st.sampled_from(["Người", "dân", "đổ", "về", "phố", "đi", "bộ", "đông", "vui",
                                 "chiều", "tối", "qua"]), min_size=12, max_size=40))
def test_one_paragraph_page_keeps_its_words(words: list[str]) -> None:
    paragraph = " ".join(words) + "."
    html = f"<html><body><h1>Tin ngắn trong ngày</h1><p>{paragraph}</p></body></html>"
    articles = clean_page(RawPage(Origin("p.html"), html=html), S)
    assert articles, "a page with text is never lost"
    kept = _kept_words(" ".join([articles[0].lead, *articles[0].paragraphs]))
    assert _kept_words(paragraph) <= kept


@FAST
@given(st.lists(st.lists(st.sampled_from(["người", "dân", "thành", "phố", "đã", "đến", "xem",
                                          "lễ", "hội", "Huế", "năm", "nay", "rất", "đông"]),
                         min_size=15, max_size=30), min_size=2, max_size=6))
def test_plain_paragraphs_keep_their_words(paragraphs: list[list[str]]) -> None:
    texts = [" ".join(words).capitalize() + "." for words in paragraphs]
    page = "Lễ hội mùa hè ở Huế\n" + "\n".join(texts)
    [article] = clean_text(page, S)
    assert _kept_words("\n".join(texts)) <= _kept_words(article.body_text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5),
                                                                       children, max_size=3),
    max_leaves=8)
RECORD = st.dictionaries(st.sampled_from(["text", "html", "title", "url", "published", "id",
                                          "fetched", "crawled", "tags", "source", "other"]),
                         JSON_VALUES, max_size=8)


def _check_jsonl(records: list[dict[str, object]], junk: list[bytes]) -> None:
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records] + junk
    items = list(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), "f.jsonl", S))
    for item in items:
        assert isinstance(item, RawPage | Problem)
        if isinstance(item, RawPage):
            # nothing coerced: every known field keeps its JSON type
            for key in ("title", "url"):
                assert key not in item.meta or isinstance(item.meta[key], str)
    pages = [i for i in items if isinstance(i, RawPage)]
    expected = sum(1 for r in records if not validate_record(r)[1] and any(
        isinstance(r.get(k), str) and r[k].strip() for k in ("text", "html")))
    assert len(pages) == expected


@FAST
@given(st.lists(RECORD, max_size=6), st.lists(st.binary(max_size=30), max_size=3))
def test_jsonl_reader_never_raises_and_never_coerces(records: list[dict[str, object]],
                                                     junk: list[bytes]) -> None:
    _check_jsonl(records, [j.replace(b"\n", b" ") for j in junk])


@pytest.mark.slow
@SLOW
@given(page_text)
def test_text_cleaner_never_raises_long(text: str) -> None:
    _check_text(text)


@pytest.mark.slow
@SLOW
@given(html_pages())
def test_html_cleaner_never_raises_long(html: str) -> None:
    _check_html(html)


@pytest.mark.slow
@SLOW
@given(st.lists(RECORD, max_size=10), st.lists(st.binary(max_size=60), max_size=5))
def test_jsonl_reader_long(records: list[dict[str, object]], junk: list[bytes]) -> None:
    _check_jsonl(records, [j.replace(b"\n", b" ") for j in junk])
