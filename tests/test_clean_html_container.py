"""The HTML path: the article container chosen before lines are removed, footers that never
swallow the article, bounded work and no page lost to a parser exception.

The pages here are invented; the blind sets are read from ``tests/fixtures``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoisu.clean import clean_page
from thoisu.clean.html_bounds import bound_markup, sanitize
from thoisu.evaluate.cleaning import read_html_set, token_f1
from thoisu.model import Article, Origin, RawPage
from thoisu.settings import Settings

S = Settings()
FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

ARTICLE = [
    "Sáng 5/3, xã Tân Phú khánh thành cây cầu treo mới bắc qua suối Đá Bàn sau tám tháng thi "
    "công, thay cho cây cầu gỗ đã mục.",
    "Cầu dài 60 m, rộng 1,5 m, cho phép xe máy và người đi bộ qua lại an toàn cả trong mùa lũ.",
    "Trước đây, học sinh hai thôn phải lội suối hoặc đi vòng gần 10 km để đến trường.",
    "Ông Nguyễn Văn Tư, trưởng thôn, cho biết người dân đã góp hơn 300 ngày công để làm đường "
    "dẫn lên cầu.",
]
FOOTER = ("Liên hệ quảng cáo: tầng {n}, số {n}{n} Lý Thái Tổ, Hà Nội. Điện thoại 024 3{n}{n}{n} "
          "6{n}{n}{n}.", "Giấy phép số {n}{n}/GP-BTTTT cấp ngày {n}/{n}/2019.",
          "Văn phòng đại diện khu vực {n}: số {n} đường Hùng Vương, Huế.")


def _page(footer: str, article_class: str = "detail-content") -> str:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return ("<html><head><title>Cầu treo mới qua suối Đá Bàn</title></head><body>"
            "<nav class='menu'><a>Thời sự</a><a>Xã hội</a></nav>"
            "<h1>Cầu treo mới qua suối Đá Bàn</h1>"
            f"<div class='{article_class}'>{body}</div>{footer}</body></html>")


def _footer(count: int) -> str:
    return "".join(f"<p>{FOOTER[k % 3].format(n=k % 9 + 1)}</p>" for k in range(count))


def _clean(html: str) -> Article:
    [article] = clean_page(RawPage(Origin("x.html"), html=html), S)
    return article


@pytest.mark.parametrize("wrap", ["{}", "<div class='footer'>{}</div>",
                                  "<footer>{}</footer>", "<div class='bottom'>{}</div>"])
def test_a_long_footer_never_swallows_the_article(wrap: str) -> None:
    article = _clean(_page(wrap.format(_footer(150))))
    assert [article.lead, *article.paragraphs] == ARTICLE
    assert article.meta["field_sources"]["text"] == "article container div.detail-content"


def test_comments_longer_than_the_article_are_left_out() -> None:
    comments = "".join(
        f"<div class='comment-item'><p>Bạn đọc {k}: tôi đồng ý, cây cầu này rất cần thiết cho bà "
        f"con hai thôn và học sinh đi học mỗi ngày, mong có thêm nhiều công trình như vậy.</p>"
        f"</div>" for k in range(30))
    article = _clean(_page(f"<div class='box-comment'>{comments}</div>"))
    assert [article.lead, *article.paragraphs] == ARTICLE


def test_without_a_clear_container_the_whole_page_text_is_kept() -> None:
    # every paragraph straight under <body>: no element holds the article, nothing is cut
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>"
    article = _clean(html)
    assert article.meta["field_sources"]["text"] == "whole page"
    assert [article.lead, *article.paragraphs] == ARTICLE


def test_the_title_column_is_never_furniture() -> None:
    # VnExpress prints its article inside "sidebar-1"
    html = _page(_footer(20)).replace("<h1>", "<div class='sidebar-1'><h1>").replace(
        "</div><p>Liên", "</div></div><p>Liên", 1)
    article = _clean(html)
    assert [article.lead, *article.paragraphs] == ARTICLE


@pytest.mark.parametrize("folder", ["blind_html", "blind_html_outlets"])
def test_blind_pages_with_a_bare_footer_keep_their_text(folder: str) -> None:
    from html_main_text import with_footer

    scores = []
    for page in read_html_set(FIXTURES / folder):
        page = replace(page, html=with_footer(page.html, 120, "bare <p>"))
        [article] = clean_page(RawPage(Origin(page.name), html=page.html, meta=dict(page.meta)),
                               S)
        scores.append(token_f1(article.body_text, page.main_text)[2])
    assert min(scores) >= 0.95
    assert sum(scores) / len(scores) >= 0.98


# ---------------------------------------------------------------- bounded work, no page lost

def test_markup_is_cut_at_the_block_cap_and_the_article_says_so() -> None:
    html = _page("".join(f"<p>Dòng {k}.</p>" for k in range(3000)))
    [article] = clean_page(RawPage(Origin("x.html"), html=html),
                           S.replace(html_max_blocks=500))
    assert ARTICLE[1] in article.paragraphs
    assert any("html_max_blocks" in p for p in article.problems)


def test_node_cap_and_no_cap() -> None:
    html = "<p>a<b>b</b></p>" * 10
    assert bound_markup(html, 0, 0) == (html, None)
    cut, note = bound_markup(html, 0, 5)
    assert cut.count("<b>") + cut.count("<p>") == 5 and "html_max_nodes" in (note or "")


@pytest.mark.parametrize("html", ["<br>\x07", "&nbsp;<script>", "<br>\x07Cầu mới thông xe.",
                                  "&nbsp;<script>x</script><p>Cầu treo mới đã thông xe sáng "
                                  "nay.</p>", "\ud800<p>Cầu mới.</p>", "<p>a\x00b\x1fc</p>"])
def test_control_characters_and_odd_fragments_never_raise(html: str) -> None:
    articles = clean_page(RawPage(Origin("x.html"), html=html), S)
    assert all(isinstance(a, Article) for a in articles)


def test_sanitize_keeps_tabs_and_newlines() -> None:
    assert sanitize("a\tb\nc\r\x0bd\ufffe") == "a\tb\nc\r d "


def test_a_failing_html_path_falls_back_to_the_text_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import thoisu.clean.html as H

    def broken(*args: object) -> None:
        raise ValueError("lxml said no")

    monkeypatch.setattr(H, "_clean_markup", broken)
    html = _page("")
    articles = clean_page(RawPage(Origin("x.html"), html=html), S)
    assert articles and ARTICLE[2] in articles[0].paragraphs
    assert any("cleaned as text" in p for p in articles[0].problems)


PIECES = ["<p>", "</p>", "<div class='footer'>", "</div>", "<br>", "&nbsp;", "<script>",
          "</script>", "<h1>", "<figcaption>", "<!--", "-->", "<?xml version='1.0'?>", "&#0;",
          "&#x7;", "<td>", "<li class='comment'>", "Cầu mới thông xe.", "Liên hệ quảng cáo",
          "\x07", "\x00", "\ud800", "\ufffe", "\x1b", "\r", "<", ">", "&"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40))
def test_no_html_input_raises(pieces: list[str]) -> None:
    articles = clean_page(RawPage(Origin("x.html"), html="".join(pieces)), S)
    assert all(isinstance(a, Article) for a in articles)


def test_a_body_split_by_an_advertisement_is_kept_whole() -> None:
    first = "".join(f"<p>{p}</p>" for p in ARTICLE[:3])
    html = ("<html><body><h1>Cầu treo mới qua suối Đá Bàn</h1><div class='main'>"
            f"<div class='content'>{first}</div><div class='ads'>Quảng cáo</div>"
            f"<div class='content'><p>{ARTICLE[3]}</p></div></div>{_footer(120)}</body></html>")
    article = _clean(html)
    assert [article.lead, *article.paragraphs] == ARTICLE


def test_a_teaser_list_longer_than_a_short_article_is_not_taken_for_it() -> None:
    teasers = "".join(
        f"<div class='item'><h3>Tin số {k}</h3><p>Tỉnh ven biển chuẩn bị phương án ứng phó bão "
        f"số {k}, di dời hàng nghìn hộ dân khỏi vùng trũng thấp trước khi bão vào bờ.</p></div>"
        for k in range(12))
    html = ("<html><body><h1>Cầu treo mới qua suối Đá Bàn</h1><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE[:2]) + "</div>"
            f"<div class='list-news-x'>{teasers}</div></body></html>")
    article = _clean(html)
    assert article.meta["field_sources"]["text"] == "whole page"
    assert ARTICLE[0] in [article.lead, *article.paragraphs]


def test_a_picture_table_caption_is_a_caption_not_text() -> None:
    cap = "Cầu treo mới nhìn từ bờ suối."
    table = (f"<table class='picture'><tr><td><img src='c.jpg'></td></tr>"
             f"<tr><td class='pCaption'>{cap}</td></tr></table>")
    html = _page("").replace(f"<p>{ARTICLE[1]}</p>", f"{table}<p>{ARTICLE[1]}</p>")
    article = _clean(html)
    assert [article.lead, *article.paragraphs] == ARTICLE
    assert article.captions == [cap]
