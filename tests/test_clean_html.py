"""The HTML path: trafilatura's text with only certain boilerplate removed, the sapo and
metadata from the markup, pages of any depth. Pages here are invented."""

from __future__ import annotations

import pytest

from thoisu.clean import clean_page
from thoisu.clean.html import split_credit
from thoisu.clean.html_meta import find_sapo, page_metadata, parse_html
from thoisu.model import Origin, RawPage
from thoisu.settings import Settings

S = Settings()
P = ("Người dân đổ về trung tâm thành phố từ chiều, nhiều tuyến phố đông kín xe máy và "
     "người đi bộ suốt nhiều giờ liền")


def page(body: str, head: str = "", url: str | None = None, **meta: object) -> RawPage:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return RawPage(Origin("t.html"), html=html, meta={"url": url, **meta} if url else meta)


def one(raw: RawPage):  # type: ignore[no-untyped-def]
    articles = clean_page(raw, S)
    assert len(articles) == 1, [a.problems for a in articles]
    return articles[0]


def test_photo_story_keeps_every_captioned_photo_and_splits_credits() -> None:
    shots = [f"{P} ở điểm số {k} trong đêm Giáng sinh (Ảnh: Hải Long)." for k in range(6)]
    body = "<h1>Phố phường đông nghẹt đêm Giáng sinh</h1><article>" + "".join(
        f'<p><img src="{k}.jpg"></p><p>{s}</p>' for k, s in enumerate(shots)) + "</article>"
    a = one(page(body))
    text = " ".join([a.lead, *a.paragraphs])
    for k in range(6):
        assert f"ở điểm số {k} trong đêm Giáng sinh." in text
    assert "Ảnh:" not in text
    assert a.meta["credits"].count("Ảnh: Hải Long") == 6


def test_list_article_keeps_its_items() -> None:
    items = "".join(f"<h2>{k}. Bãi biển số {k}</h2><p>Bãi biển này có cát trắng, nước trong và "
                    f"nhiều hàng quán phục vụ du khách quanh năm, giá cả phải chăng.</p>"
                    for k in range(1, 11))
    a = one(page(f"<h1>Top 10 bãi biển đẹp nhất miền Trung</h1><article>{items}</article>"))
    text = "\n".join([a.lead, *a.paragraphs])
    for k in range(1, 11):
        assert f"{k}. Bãi biển số {k}" in text
    assert sum("cát trắng" in p for p in [a.lead, *a.paragraphs]) == 10
    heads = [ln.rule for ln in a.lines if ln.text.startswith("3. Bãi")]
    assert heads == ["subheading.markup"]


def test_sapo_element_becomes_the_lead() -> None:
    body = ("<h1 class='title-detail'>Giá xăng giảm lần thứ ba liên tiếp</h1>"
            "<p class='description'>Từ 15h chiều nay, giá xăng RON95 giảm hơn 500 đồng mỗi "
            "lít, mức giảm mạnh nhất từ đầu năm.</p><article class='fck_detail'>"
            f"<p>{P}.</p><p>{P} thêm nữa.</p></article>")
    a = one(page(body))
    assert a.lead.startswith("Từ 15h chiều nay, giá xăng RON95")
    assert a.paragraphs[0].startswith("Người dân")
    assert a.meta["field_sources"]["lead"].startswith("lead.sapo_element")


def test_description_opens_the_article_only_when_it_is_not_a_copy() -> None:
    para = ("Ủy ban nhân dân tỉnh vừa phê duyệt dự án mở rộng quốc lộ qua ba huyện miền núi "
            "với tổng vốn hơn hai nghìn tỉ đồng.")
    copy = f'<meta name="description" content="{para[:60]}...">'
    a = one(page(f"<h1>Mở rộng quốc lộ qua ba huyện</h1><p>{para}</p><p>{P}.</p>", copy))
    assert a.lead == para  # the description was the first paragraph cut off: not a new lead
    lead = ("Dự án mở rộng quốc lộ qua ba huyện miền núi được phê duyệt với tổng vốn hơn hai "
            "nghìn tỉ đồng.")
    other = f'<meta property="og:description" content="{lead}">'
    b = one(page(f"<h1>Mở rộng quốc lộ qua ba huyện</h1><p>{para}</p><p>{P}.</p>", other))
    assert b.lead == lead and b.paragraphs[0] == para


def test_metadata_with_field_sources() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Khai mạc hội chợ", "datePublished": "2019-04-05T08:00:00+07:00", "author": '
            '{"@type": "Person", "name": "Lan Anh"}, "articleSection": "Kinh tế", '
            '"keywords": "hội chợ, thương mại"}</script>'
            '<link rel="canonical" href="https://bao.vn/khai-mac-hoi-cho-123.htm">')
    a = one(page(f"<h1>Khai mạc hội chợ</h1><p>{P}.</p><p>{P}.</p>", head))
    assert a.title == "Khai mạc hội chợ"
    assert a.meta["published"] == "2019-04-05T08:00:00+07:00"
    assert a.meta["field_sources"]["published"] == "json-ld NewsArticle datePublished"
    assert a.meta["section"] == "Kinh tế" and a.meta["tags"] == ["hội chợ", "thương mại"]
    assert a.byline == "Lan Anh" and a.url == "https://bao.vn/khai-mac-hoi-cho-123.htm"


def test_input_fields_win_over_markup() -> None:
    head = '<meta property="article:published_time" content="2019-04-05">'
    a = one(page(f"<h1>Tin</h1><p>{P}.</p>", head, published="2019-04-06"))
    assert a.meta["published"] == "2019-04-06" and a.meta["field_sources"]["published"] == "input"
    assert a.meta["html_published"] == "2019-04-05"


def test_script_in_h1_never_reaches_the_title() -> None:
    body = f"<h1>Bão số 3 đổ bộ<script>var ad = 'quảng cáo';</script></h1><p>{P}.</p>"
    assert one(page(body)).title == "Bão số 3 đổ bộ"


@pytest.mark.parametrize("depth", [10, 253, 254, 300, 3000])
def test_text_at_any_depth_is_kept(depth: int) -> None:
    body = "<div>" * depth + f"<p>{P}.</p><p>{P} nữa.</p>" + "</div>" * depth
    a = one(page(f"<h1>Tin sâu</h1>{body}"))
    assert "Người dân đổ về trung tâm" in " ".join([a.lead, *a.paragraphs])


def test_certain_boilerplate_is_removed_with_its_rule() -> None:
    body = ("<h1>Khánh thành bệnh viện mới</h1><article>"
            f"<p>{P}.</p><p>Khánh thành bệnh viện mới</p><p>{P} thêm.</p>"
            "<p>Chia sẻ bài viết lên Facebook</p><p>Tin liên quan</p>"
            "<p><a href='/a'>Bệnh viện tuyến huyện quá tải</a></p>"
            "<p><a href='/b'>Thêm 200 giường bệnh cho tỉnh</a></p></article>")
    a = one(page(body))
    rules = {r.text: r.rule for r in a.removed}
    assert rules["Khánh thành bệnh viện mới"] == "boilerplate.repeated_title"
    assert rules["Tin liên quan"] == "boilerplate.related_header"
    assert rules.get("Bệnh viện tuyến huyện quá tải", "boilerplate.related_list") == (
        "boilerplate.related_list")  # (trafilatura may drop the links itself)
    assert "Chia sẻ bài viết lên Facebook" in rules
    assert len(a.paragraphs) == 1


def test_titles_under_a_related_header_go_with_it() -> None:
    from thoisu.clean.features import make_infos
    from thoisu.clean.html import _roles

    infos = make_infos(f"{P}.\nTin liên quan\nBệnh viện tuyến huyện quá tải\n"
                       f"Thêm 200 giường bệnh cho tỉnh\n{P}.")
    links = {"bệnhviệntuyếnhuyệnquátải", "thêm200giườngbệnhchotỉnh"}
    rules = [rule for _, rule in _roles(infos, "Tin", {"heading": set(), "figcaption": set(),
                                                       "link": links})]
    assert rules == ["lead.first_paragraph", "boilerplate.related_header",
                     "boilerplate.related_list", "boilerplate.related_list", "body.paragraph"]


def test_caption_like_line_is_never_dropped() -> None:
    body = ("<h1>Lũ dâng cao ở miền Trung</h1><article>"
            f"<p>{P}.</p><p>Nước ngập đến mái nhà ở xã ven sông (Ảnh: Minh Hà)</p>"
            f"<p>Ông Nguyễn Văn Bình (thứ hai từ trái) trao quà cho bà con vùng lũ</p>"
            f"<p>{P} nữa.</p></article>")
    a = one(page(body))
    kept = " ".join([a.lead, *a.paragraphs, *a.captions])
    assert "Nước ngập đến mái nhà ở xã ven sông" in kept
    assert "trao quà cho bà con vùng lũ" in kept


def test_figcaption_stays_a_caption() -> None:
    body = ("<h1>Cầu mới thông xe</h1><article>"
            f"<p>{P}.</p><figure><img src='a.jpg'><figcaption>Cầu nhìn từ trên cao. Ảnh: "
            f"Quang Minh</figcaption></figure><p>{P} nữa.</p></article>")
    a = one(page(body))
    assert a.captions == ["Cầu nhìn từ trên cao."]
    assert "Ảnh: Quang Minh" in a.meta["credits"]


def test_single_paragraph_page_and_only_widget_text_are_not_lost() -> None:
    a = one(page(f"<h1>Tin ngắn</h1><p>{P}.</p>"))
    assert a.lead == P + "."
    b = one(page("<h1>Chia sẻ</h1><p>Chia sẻ</p><p>Bình luận</p>"))
    assert b.problems == ["every line matched a boilerplate rule; kept as text"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Xe kẹt cứng trong đêm (Ảnh: Hải Long).", ("Xe kẹt cứng trong đêm.", "Ảnh: Hải Long")),
    ("Cầu Rồng phun lửa. Ảnh: Minh An", ("Cầu Rồng phun lửa.", "Ảnh: Minh An")),
    ("Mưa lớn kéo dài (ảnh minh họa)", ("Mưa lớn kéo dài", "ảnh minh họa")),
    ("Không có tác giả ảnh.", ("Không có tác giả ảnh.", None)),
])
def test_split_credit(text: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(text) == expected


@pytest.mark.parametrize("cls", ["sapo", "detail-sapo", "singular-sapo", "article__sapo",
                                 "content-detail-sapo", "the-article-summary", "my-sapo-box"])
def test_sapo_markup_table_and_class_hints(cls: str) -> None:
    root = parse_html(f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='{cls}'>"
                      "Đây là đoạn sapo mở đầu bài viết, tóm tắt nội dung chính.</div>"
                      f"<p>{P}.</p></body></html>")
    found = find_sapo(root, root.find(".//h1"))
    assert found is not None and found[0].startswith("Đây là đoạn sapo")


def test_sapo_in_a_teaser_list_is_not_the_page_sapo() -> None:
    root = parse_html("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><ul><li><p class='sapo'>"
                      "Tóm tắt của một bài khác trong danh sách tin liên quan bên dưới.</p></li>"
                      f"</ul><p>{P}.</p></body></html>")
    assert "sapo" not in page_metadata(root)


def test_uncertain_footer_and_related_words_in_the_text_are_kept() -> None:
    body = ("<h1>Thu hồi giấy phép tạp chí</h1><article>"
            f"<p>{P}.</p><p>Giấy phép xuất bản của tạp chí bị thu hồi từ tháng trước.</p>"
            "<p>Xem thêm các điểm đến dưới đây</p><h2>1. Bãi biển số một</h2>"
            f"<p>{P} nữa.</p><p>{P} hết.</p></article>")
    a = one(page(body))
    text = "\n".join(a.paragraphs)
    assert "Giấy phép xuất bản của tạp chí" in text and "1. Bãi biển số một" in text


def test_sapo_found_where_the_page_prints_its_description() -> None:
    sapo = ("Sau 30 năm gắn bó với nghề làm nón, nghệ nhân trong làng vẫn mong lớp trẻ tiếp "
            "nối nghề của cha ông.")
    head = f'<meta property="og:description" content="{sapo}">'
    body = (f"<h1>Nghệ nhân giữ nghề nón lá</h1><h2 class='foot-arti-sum'>{sapo}</h2>"
            f"<div><p>{P}.</p><p>{P} nữa.</p><p>Nguồn: [Link nguồn]</p></div>")
    a = one(page(body, head))
    assert a.lead == sapo
    assert "printing the meta description" in a.meta["field_sources"]["lead"]
    assert all("Link nguồn" not in p for p in a.paragraphs)


def test_the_header_bar_date_is_not_the_publication_date() -> None:
    body = ("<header class='top'><span class='today-date'>Thứ hai, 02/12/2024</span></header>"
            "<h1>Khánh thành bệnh viện mới</h1><span class='detail-time'>28/11/2024 10:05</span>"
            f"<article><p>{P}.</p><p>{P} nữa.</p></article>"
            "<aside><span class='time'>01/12/2024</span></aside>")
    a = one(page(body))
    assert a.meta["published"] == "28/11/2024 10:05"
    assert a.meta["field_sources"]["published"] == "visible date span.detail-time"


def test_a_credit_line_of_an_html_page_never_becomes_its_outlet() -> None:
    """'Theo X' names where the text was taken from (meta credit), never the page's own
    outlet (issue #20: the copy must keep its own outlet)."""
    from thoisu.clean import clean_page
    from thoisu.model import Origin, RawPage
    from thoisu.settings import Settings

    html = ("<html><head><title>Lũ ở Huế</title></head><body><article>"
            "<h1>Nước lũ dâng cao ở Huế</h1>"
            "<p>Mưa lớn kéo dài từ đêm qua khiến nước sông Hương dâng cao, nhiều khu dân cư "
            "ở thành phố Huế bị ngập sâu.</p>"
            "<p>Chính quyền địa phương đã sơ tán hàng trăm hộ dân ở vùng trũng đến nơi an "
            "toàn trong đêm.</p>"
            "<p>Lực lượng cứu hộ túc trực tại các điểm ngập, hỗ trợ người dân di chuyển tài "
            "sản.</p><p>Theo Tin Sông Hương</p></article></body></html>")
    own = clean_page(RawPage(Origin("x.html"), html=html,
                             meta={"source": "Nhật Báo Phương Nam"}), Settings())[0]
    assert (own.source, own.meta["credit"]) == ("Nhật Báo Phương Nam", "Tin Sông Hương")
    bare = clean_page(RawPage(Origin("x.html"), html=html), Settings())[0]
    assert (bare.source, bare.meta["credit"]) == (None, "Tin Sông Hương")
