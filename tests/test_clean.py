"""The page cleaner on small hand-written pages (invented text)."""

from __future__ import annotations

import pytest

from thoisu.clean import clean_page, clean_text, line_roles
from thoisu.clean.build import strip_outlet_prefix
from thoisu.clean.rules import is_byline, source_name
from thoisu.model import Origin, RawPage, Role
from thoisu.settings import Settings

S = Settings()

FLOOD = """Mưa lớn gây ngập nhiều tuyến phố ở Huế

(Tin Sông Hương) - Sáng 12/3, mưa lớn kéo dài khiến nhiều tuyến phố ở trung tâm Huế ngập sâu.
Mưa lớn gây ngập nhiều tuyến phố ở Huế

Theo Đài khí tượng tỉnh, lượng mưa từ đêm 11/3 đến sáng 12/3 đã vượt 200 mm.

Mưa lớn gây ngập nhiều tuyến phố ở Huế - ảnh 1

Người dân dắt xe máy qua đoạn đường ngập

Ông Lê Văn Tâm, một người dân ở phường Phú Hội, cho biết nước lên rất nhanh từ 5 giờ sáng.

Chính quyền đã huy động lực lượng hỗ trợ người dân di dời tài sản./.

Hoàng Lan

Mời quý độc giả theo dõi Tin Sông Hương trên

Tin liên quan

Đà Nẵng chuẩn bị ứng phó mưa lớn
Đà Nẵng chuẩn bị ứng phó mưa lớn

(Tin Sông Hương) - Thành phố yêu cầu các quận rà soát hệ thống thoát nước trước mùa mưa.
"""


def roles(text: str, **kw: str) -> dict[int, str]:
    return {line.number: line.role.value for line in line_roles(text, S, **kw)
            if line.role is not Role.BLANK}


def test_title_lead_body_photo_caption_byline() -> None:
    got = roles(FLOOD)
    assert got[1] == "title"
    assert got[3] == "lead"
    assert got[4] == "boilerplate"  # the title printed again
    assert got[6] == "body"
    assert got[8] == "photo"
    assert got[10] == "caption"
    assert got[12] == "body"
    assert got[14] == "body"
    assert got[16] == "byline"
    assert all(got[n] == "boilerplate" for n in (18, 20, 22, 23, 25))


def test_article_fields() -> None:
    [article] = clean_text(FLOOD, S, Origin("flood.txt"))
    assert article.title == "Mưa lớn gây ngập nhiều tuyến phố ở Huế"
    assert article.lead.startswith("Sáng 12/3, mưa lớn")
    assert article.source == "Tin Sông Hương"
    assert article.byline == "Hoàng Lan"
    assert article.captions == ["Người dân dắt xe máy qua đoạn đường ngập"]
    assert article.paragraphs[-1].endswith("tài sản.")  # "./." closer stripped
    assert not any("Đà Nẵng" in p for p in article.paragraphs)
    assert len(article.id) == 16


def test_removed_lines_keep_their_rule() -> None:
    [article] = clean_text(FLOOD, S)
    rules = {r.line: r.rule for r in article.removed}
    assert rules[18] == "boilerplate.follow_call"
    assert rules[20] == "boilerplate.related_header"
    assert rules[8] == "photo.placeholder"
    assert rules[4] == "boilerplate.repeated_title"
    # every non-blank line is either kept or explained
    kept = {ln.number for ln in article.lines if ln.role.kept}
    removed = {r.line for r in article.removed}
    nonblank = {ln.number for ln in article.lines if ln.role is not Role.BLANK}
    assert kept | removed == nonblank


def test_same_text_same_id_and_tone_styles_agree() -> None:
    a = clean_text(FLOOD, S)[0]
    b = clean_text(FLOOD.replace("hòa", "hoà"), S)[0]
    assert a.id == b.id


TWO = """Cảng cá Sa Huỳnh mở rộng bến neo đậu
Tỉnh Quảng Ngãi khởi công mở rộng bến neo đậu tàu cá Sa Huỳnh vào ngày 5/4.
Công trình có tổng vốn 120 tỉ đồng, dự kiến hoàn thành trong năm 2026.
Khi xong, bến có thể đón thêm khoảng 300 tàu cá tránh trú bão.
Ngư dân địa phương cho biết họ đã chờ dự án này nhiều năm.
Minh Khoa
Theo Báo Duyên Hải
Ngư dân Sa Huỳnh trúng đậm cá cơm đầu mùa
Những ngày đầu tháng 4, nhiều tàu cá ở Sa Huỳnh cập bến với khoang đầy cá cơm.
Giá cá cơm tại cảng dao động 15.000 đồng mỗi ký, cao hơn cùng kỳ năm trước.
Thương lái từ các tỉnh lân cận đến thu mua ngay tại bến.
Một chủ tàu cho biết mỗi chuyến biển lãi khoảng 40 triệu đồng.
Minh Khoa
Theo Báo Duyên Hải
Giá xăng giảm nhẹ từ chiều nay
Liên bộ Công Thương - Tài chính điều chỉnh giá xăng dầu vào chiều 10/4...
"""


def test_second_article_is_split_not_merged() -> None:
    articles = clean_text(TWO, S)
    assert [a.title for a in articles] == ["Cảng cá Sa Huỳnh mở rộng bến neo đậu",
                                            "Ngư dân Sa Huỳnh trúng đậm cá cơm đầu mùa"]
    first, second = articles
    # "Theo Báo Duyên Hải" credits the original's outlet; it never names the page's own (#20).
    assert first.meta["credit"] == second.meta["credit"] == "Báo Duyên Hải"
    assert first.source is None and second.source is None
    assert not any("cá cơm" in p for p in first.paragraphs)
    assert second.lead.startswith("Những ngày đầu tháng 4")
    assert any(r.rule == "boilerplate.truncated_teaser" for r in second.removed)


SIDEBAR = """Thư viện tỉnh mở cửa đến 21 giờ
Từ ngày 1/6, thư viện tỉnh Bình Định mở cửa phục vụ bạn đọc đến 21 giờ hằng ngày.
Ban giám đốc thư viện cho biết nhu cầu đọc buổi tối của học sinh tăng mạnh.
Thư viện cũng bổ sung 2.000 đầu sách thiếu nhi trong quý này.
Thu Hà
Hội thi kể chuyện sách cho thiếu nhi
Hơn 300 học sinh tiểu học tham gia hội thi kể chuyện sách do thành phố tổ chức.
Khai trương tủ sách cộng đồng ở chợ Lớn
Tủ sách đặt tại cổng chợ, người dân có thể mượn sách miễn phí.
Sách nói cho người khiếm thị
Nhóm tình nguyện viên thu âm 50 cuốn sách nói tặng hội người mù tỉnh.
"""


def test_sidebar_teasers_are_boilerplate() -> None:
    [article] = clean_text(SIDEBAR, S)
    assert len(article.paragraphs) == 2
    assert article.byline == "Thu Hà"
    rules = {r.rule for r in article.removed}
    assert rules <= {"boilerplate.sidebar_title", "boilerplate.sidebar_teaser"}
    assert len(article.removed) == 6


NO_TITLE = (
    "Sáng 8/5, Sở Giao thông vận tải thành phố cho biết sẽ thí điểm hai tuyến xe buýt điện"
    " nối sân bay với trung tâm, mỗi tuyến dài khoảng 20 km và chạy 15 phút một chuyến.\n"
    "Giá vé dự kiến 15.000 đồng một lượt.\n"
    "Theo Giao Thông Mới\n"
)


def test_page_without_title_line() -> None:
    [article] = clean_text(NO_TITLE, S)
    assert article.title == ""
    assert article.problems and article.problems[0].startswith("no title line")
    assert article.paragraphs[0].startswith("Sáng 8/5")
    assert article.meta["credit"] == "Giao Thông Mới" and article.source is None  # a credit


def test_jsonl_meta_title_and_repeated_first_line() -> None:
    text = "Ngập sâu ở Huế sau mưa lớn\nSáng 12/3, nhiều tuyến phố ở Huế ngập sâu sau mưa lớn.\n"
    page = RawPage(Origin("news.jsonl", 3), text=text,
                   meta={"title": "Ngập sâu ở Huế sau mưa lớn", "source": "Báo Mẫu",
                         "url": "https://example.vn/a", "published": "2025-03-12T07:00"})
    [article] = clean_page(page, S)
    assert article.title == "Ngập sâu ở Huế sau mưa lớn"
    assert article.lead.startswith("Sáng 12/3")
    assert article.removed[0].rule == "title.repeats_meta"
    assert article.source == "Báo Mẫu"
    assert article.url == "https://example.vn/a"
    assert article.meta["published"] == "2025-03-12T07:00"
    assert article.origin == Origin("news.jsonl", 3)


def test_meta_title_without_title_line() -> None:
    text = "Sáng 12/3, nhiều tuyến phố ở Huế ngập sâu sau mưa lớn.\nNước rút chậm.\n"
    page = RawPage(Origin("news.jsonl", 1), text=text, meta={"title": "Huế ngập sâu"})
    [article] = clean_page(page, S)
    assert article.title == "Huế ngập sâu"
    assert article.lead.startswith("Sáng 12/3")


def test_html_page_through_trafilatura() -> None:
    html = """<html><head><title>Cầu mới qua sông Hàn thông xe</title>
    <meta property="og:site_name" content="Báo Miền Trung Mẫu">
    <meta property="article:published_time" content="2025-04-02T09:00:00+07:00">
    <meta name="author" content="Phan Vy"></head><body><nav><a href="/">Trang chủ</a></nav>
    <article><h1>Cầu mới qua sông Hàn thông xe</h1>
    <p>Sáng 2/4, cây cầu mới bắc qua sông Hàn chính thức thông xe sau hai năm thi công.</p>
    <p>Cầu dài 650 mét, có bốn làn xe và hai làn dành cho người đi bộ ở hai bên.</p>
    <p>Lãnh đạo thành phố cho biết cây cầu giúp giảm ùn tắc ở khu vực trung tâm.</p>
    </article><footer>Bản quyền thuộc về tòa soạn</footer></body></html>"""
    [article] = clean_page(RawPage(Origin("cau.html"), html=html), S)
    assert article.title == "Cầu mới qua sông Hàn thông xe"
    assert article.lead.startswith("Sáng 2/4")
    assert len(article.paragraphs) == 2
    assert article.meta["published"].startswith("2025-04-02")
    assert article.byline == "Phan Vy"
    assert article.source == "Báo Miền Trung Mẫu"
    assert not any("Bản quyền" in p for p in article.paragraphs)


def test_empty_and_boilerplate_only_pages() -> None:
    assert clean_text("", S) == []
    assert clean_text("\n\nTin liên quan\nĐang cập nhật dữ liệu !\n", S) == []


def test_decomposed_unicode_is_normalised() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", FLOOD)
    [article] = clean_text(text, S)
    assert article.title == "Mưa lớn gây ngập nhiều tuyến phố ở Huế"
    assert article.source == "Tin Sông Hương"


CAPTIONS = """Tàu huấn luyện ghé cảng Cam Ranh
Chiều 20/6, tàu huấn luyện của hải quân nước bạn cập cảng Cam Ranh trong chuyến thăm năm ngày.
Đoàn sẽ chào xã giao lãnh đạo tỉnh và giao lưu thể thao với thủy thủ địa phương.
Tàu huấn luyện neo tại cảng quốc tế Cam Ranh hồi tháng Sáu.
Trong thời gian ở Khánh Hòa, thủy thủ đoàn cũng sẽ tham quan một số di tích.
Khách tham quan chụp ảnh bên mạn tàu. (Ảnh: Hải Đăng)
Chuyến thăm kết thúc vào ngày 25/6.
Binh sĩ hai nước trong buổi giao lưu bóng chuyền |
Phương Nam
"""


def test_caption_rules() -> None:
    rules = {ln.number: ln.rule for ln in line_roles(CAPTIONS, S)}
    assert rules[4] == "caption.descriptive"
    assert rules[6] == "caption.credit"
    assert rules[8] == "caption.bar"
    assert rules[3] == "body.paragraph"  # narration ("sẽ") stays body
    assert rules[5] == "body.paragraph"


def test_subheadings_stay_in_order() -> None:
    text = ("Chợ nổi Cái Răng vào mùa Tết\n"
            "Những ngày cuối năm, chợ nổi Cái Răng nhộn nhịp ghe thuyền chở hoa và trái cây.\n"
            "Ghe hàng từ khắp miền Tây\n"
            "Nhiều ghe xuất phát từ Vĩnh Long, Đồng Tháp từ lúc 3 giờ sáng để kịp phiên chợ.\n"
            "Du khách đông hơn mọi năm\n"
            "Ban quản lý chợ ước tính mỗi ngày có khoảng 5.000 lượt khách đến tham quan.\n")
    [article] = clean_text(text, S)
    assert article.paragraphs == [
        "Ghe hàng từ khắp miền Tây",
        "Nhiều ghe xuất phát từ Vĩnh Long, Đồng Tháp từ lúc 3 giờ sáng để kịp phiên chợ.",
        "Du khách đông hơn mọi năm",
        "Ban quản lý chợ ước tính mỗi ngày có khoảng 5.000 lượt khách đến tham quan.",
    ]


def test_live_report_entries_are_not_a_sidebar() -> None:
    text = ("Trực tiếp: chung kết bóng chuyền nữ\n"
            "Đội chủ nhà gặp đội khách trong trận chung kết tối 14/7.\n"
            "Hiệp một, đội chủ nhà dẫn trước nhờ lối chơi nhanh ở biên.\n"
            "Phút thứ 12: Đội khách gỡ hòa\n"
            "Chủ công số 7 đập bóng thành công hai lần liên tiếp.\n"
            "Phút thứ 20: Hội ý kỹ thuật\n"
            "Huấn luyện viên đội chủ nhà thay người ở vị trí chuyền hai.\n")
    [article] = clean_text(text, S)
    assert len(article.paragraphs) == 5


@pytest.mark.parametrize(("text", "expected"), [
    ("VOV.VN - Sáng nay, mưa lớn.", ("Sáng nay, mưa lớn.", "VOV.VN")),
    ("(Ngày Nay) - Tối qua, lễ hội mở màn.", ("Tối qua, lễ hội mở màn.", "Ngày Nay")),
    ("TTO - Chiều 3/4, cầu thông xe.", ("Chiều 3/4, cầu thông xe.", "TTO")),
    ("HÀ NỘI - Sáng 5/5, trời mưa.", ("Sáng 5/5, trời mưa.", None)),
    ("COVID-19 đã giảm.", ("COVID-19 đã giảm.", None)),
    ("Hà Nội - Hải Phòng là tuyến đông khách.", ("Hà Nội - Hải Phòng là tuyến đông khách.", None)),
    ("Lâm Đồng - Xe khách lật trên đèo.", ("Xe khách lật trên đèo.", None)),
    ("Hà Nội - ngày mai trời rét.", ("Hà Nội - ngày mai trời rét.", None)),
])
def test_outlet_prefix(text: str, expected: tuple[str, str | None]) -> None:
    assert strip_outlet_prefix(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Đăng Nguyễn", True), ("Đức Dũng (lược dịch)", True), ("Thu Hà - Minh Khoa", True),
    ("Nhóm PV", True), ("ĐỘI HÌNH XUẤT PHÁT", False), ("Syria", False),
    ("Ông Nam cho biết", False), ("Mưa lớn ở Huế", False),
])
def test_byline(text: str, expected: bool) -> None:
    assert is_byline(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Theo Đất Việt", "Đất Việt"), ("Theo_Người Đưa Tin", "Người Đưa Tin"),
    ("Nguồn: Reuters", "Reuters"), ("(Theo báo Thanh Niên)", "báo Thanh Niên"),
    ("Theo ông Nam, giá sẽ tăng", None), ("Theo kế hoạch", None),
])
def test_source_name(text: str, expected: str | None) -> None:
    assert source_name(text) == expected


def test_inline_related_box_does_not_end_the_article() -> None:
    text = ("Giá cà phê lập đỉnh mới\n"
            "Sáng 3/3, giá cà phê nhân xô tại Tây Nguyên lên 132.000 đồng mỗi ký.\n"
            "Nhiều thương lái cho biết nguồn hàng trong dân đã cạn.\n"
            "Xem thêm:\n"
            "Nông dân Đắk Lắk trữ cà phê chờ giá\n"
            "Xuất khẩu cà phê tháng 2 tăng mạnh\n"
            "Các doanh nghiệp xuất khẩu lo thiếu hàng cho các hợp đồng giao tháng 5.\n"
            "Giới phân tích dự báo giá còn dao động mạnh đến hết quý II.\n"
            "Hồng Nhung\n")
    [article] = clean_text(text, S)
    assert len(article.paragraphs) == 3
    assert article.byline == "Hồng Nhung"
    assert {r.rule for r in article.removed} == {"boilerplate.related_header",
                                                 "boilerplate.related_inline"}


def test_timestamp_and_menu_lines_are_boilerplate() -> None:
    text = ("Thời sự\nThế giới\nKinh doanh\nThể thao\n"
            "Thứ Tư, 12/3/2025, 09:30 (GMT+7)\n"
            "Hà Nội thí điểm thu phí xe vào nội đô\n"
            "Thành phố sẽ thí điểm thu phí phương tiện vào khu vực nội đô từ ngày 1/7.\n"
            "Mức phí dự kiến được công bố trong tháng 5.\n")
    got = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert [got[n] for n in range(1, 5)] == ["boilerplate.navigation"] * 4
    assert got[5] == "boilerplate.timestamp"
    assert got[6] == "title.first_line"
    assert got[7] == "lead.first_paragraph"


def test_html_fragment_falls_back_to_visible_text() -> None:
    html = "<h1>Đường sắt Thống Nhất chạy thêm tàu</h1><p>Ngày 20/1, ngành đường sắt " \
           "chạy thêm 12 đôi tàu <b>phục vụ Tết</b>.</p><script>var x = 1;</script>"
    [article] = clean_page(RawPage(Origin("frag.html"), html=html), S)
    assert article.title == "Đường sắt Thống Nhất chạy thêm tàu"
    assert article.lead == "Ngày 20/1, ngành đường sắt chạy thêm 12 đôi tàu phục vụ Tết."
    assert clean_page(RawPage(Origin("empty.html"), html=""), S) == []


def test_closings_known_by_their_place() -> None:
    text = ("Mở rộng đường Võ Văn Kiệt\n"
            "TTO - Sáng 9/9, thành phố khởi công mở rộng đường Võ Văn Kiệt lên tám làn xe.\n"
            "Dự án dài 4 km, dự kiến hoàn thành vào tháng 12/2026.\n"
            "NGỌC AN\n"
            "Theo Kinh tế đô thị\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[4] == "closing.byline"
    assert rules[5] == "closing.source"
    [article] = clean_text(text, S)
    assert (article.byline, article.meta["credit"]) == ("NGỌC AN", "Kinh tế đô thị")
    assert article.source == "TTO"  # the page's own tag; the credit never replaces it


def test_caps_section_title_before_text_is_not_a_byline() -> None:
    text = ("Trận chung kết\n"
            "Tối 14/7, hai đội bước vào trận chung kết trước 20.000 khán giả.\n"
            "ĐỘI HÌNH XUẤT PHÁT\n"
            "Đội chủ nhà giữ nguyên đội hình đã thắng ở bán kết.\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[3] == "subheading.before_paragraph"


def test_agency_line_and_series_marker() -> None:
    text = ("Giá dầu thế giới giảm\n"
            "Giá dầu thô giảm 2% trong phiên 5/8 do lo ngại nhu cầu yếu.\n"
            "Các nhà phân tích cho rằng giá có thể giảm thêm trong tuần tới.\n"
            "(Còn nữa)\n"
            "(TTXVN/Vietnam+)\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[4] == "boilerplate.widget"
    assert rules[5] == "closing.source"


def test_section_label_and_breadcrumb_above_the_title() -> None:
    text = ("THỜI SỰ\n"
            "Thế giới > Quân sự\n"
            "Hà Nội thí điểm thu phí xe vào nội đô\n"
            "Thành phố sẽ thí điểm thu phí phương tiện vào nội đô từ ngày 1/7.\n"
            "Trả lời\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[1] == "boilerplate.section_label"
    assert rules[2] == "boilerplate.navigation"
    assert rules[3] == "title.first_line"
    assert rules[5] == "boilerplate.widget"


def test_caption_with_position_in_picture_and_after_photo() -> None:
    text = ("Trao học bổng cho sinh viên vùng lũ\n"
            "Sáng 4/11, quỹ khuyến học tỉnh trao 200 suất học bổng cho sinh viên vùng lũ.\n"
            "Trao học bổng cho sinh viên vùng lũ - ảnh 1\n"
            "Phó chủ tịch tỉnh phát biểu tại buổi lễ.\n"
            "Mỗi suất học bổng trị giá 5 triệu đồng, do các doanh nghiệp trong tỉnh đóng góp.\n"
            "Ông Lê Văn Hòa (thứ hai từ trái) trao học bổng cho sinh viên.\n"
            "Quỹ dự kiến mở rộng chương trình sang các huyện miền núi vào năm sau.\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[4] == "caption.after_photo"
    assert rules[6] == "caption.position"
    assert rules[5] == rules[7] == "body.paragraph"


BLIND_VNE = """Thời sự
Giao thông
Thứ năm, 6/2/2025, 14:20 (GMT+7)
Xe khách lật trên đèo, 12 người bị thương
Lâm Đồng - Xe khách 45 chỗ mất lái, lật nghiêng bên vách núi trưa 6/2, 12 người bị thương.
Khoảng 11h, xe khách xuống dốc đoạn cua số 7 thì tài xế không điều khiển được.
Hiện trường vụ tai nạn trưa 6/2. Ảnh: Phước Tuấn
Lực lượng cứu hộ đưa 12 người bị thương đến bệnh viện, hai người bị gãy chân.
Phước Tuấn
Xem thêm: Bản đồ các điểm đen tai nạn trên quốc lộ 20
Tags: tai nạn, đèo
"""


def test_menu_lines_then_timestamp_then_title() -> None:
    rules = {ln.number: ln.rule for ln in line_roles(BLIND_VNE, S)}
    assert rules[1] == rules[2] == "boilerplate.section_label"
    assert rules[3] == "boilerplate.timestamp"
    assert rules[4] == "title.first_line"
    [article] = clean_text(BLIND_VNE, S)
    assert article.lead.startswith("Xe khách 45 chỗ")
    assert article.byline == "Phước Tuấn"
    assert article.captions == ["Hiện trường vụ tai nạn trưa 6/2. Ảnh: Phước Tuấn"]


def test_byline_with_prefix_is_not_a_photo_credit() -> None:
    text = ("Hoa sưa nở trắng phố\nMùa hoa sưa năm nay đến muộn hơn mọi năm một tuần.\n"
            "Ảnh: Minh Khôi\nBài và ảnh: Minh Khôi\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[3] == "boilerplate.credit"
    assert rules[4] == "closing.byline"


def test_source_line_under_the_title_and_unpunctuated_caption() -> None:
    text = ("Cấm xe quanh quảng trường dịp lễ\n"
            "Nguồn: Kinh tế & Đô thị\n"
            "Sở Giao thông vận tải vừa công bố phương án cấm xe quanh quảng trường ngày 2/9.\n"
            "Người dân được khuyến cáo đi các tuyến đường thay thế.\n"
            "Cảnh sát giao thông phân luồng tại nút giao Kim Mã\n"
            "Lực lượng chức năng sẽ bố trí người phân luồng tại các nút giao trọng điểm.\n"
            "Tin-ảnh: Ngọc Quý\n"
            "Đọc bài gốc tại đây\n")
    rules = {ln.number: ln.rule for ln in line_roles(text, S)}
    assert rules[2] == "source.top"
    assert rules[3] == "lead.first_paragraph"
    assert rules[5] == "caption.descriptive"
    assert rules[8] == "boilerplate.follow_call"
    [article] = clean_text(text, S)
    assert (article.meta["credit"], article.byline) == ("Kinh tế & Đô thị", "Ngọc Quý")


def test_page_without_title_keeps_a_tagged_lead() -> None:
    text = ("(Tin Nhanh) - Sáng 2/3, một vụ cháy lớn xảy ra ở chợ trung tâm, thiêu rụi hàng chục"
            " ki-ốt của tiểu thương trong khu vực.\nLực lượng chữa cháy có mặt sau 10 phút.\n")
    [article] = clean_text(text, S)
    assert article.title == ""
    assert article.lead.startswith("Sáng 2/3")
    assert article.source == "Tin Nhanh"


def test_source_from_the_tag_on_the_pages_own_teasers() -> None:
    text = ("Chợ hoa xuân mở cửa sớm\n"
            "Năm nay chợ hoa xuân bến Bình Đông mở cửa từ ngày 20 tháng Chạp.\n"
            "Tiểu thương cho biết giá hoa mai tăng nhẹ so với năm ngoái.\n"
            "Lan Chi\n"
            "Phố ông đồ đông khách\n"
            "(Sài Gòn Mẫu) - Những ngày cận Tết, phố ông đồ đón hàng nghìn lượt khách.\n"
            "Đường hoa Nguyễn Huệ lên đèn\n"
            "(Sài Gòn Mẫu) - Đường hoa năm nay có chủ đề mùa xuân phương Nam.\n")
    [article] = clean_text(text, S)
    assert article.source == "Sài Gòn Mẫu"
    assert article.byline == "Lan Chi"


def test_given_title_with_site_suffix_yields_to_the_pages_own() -> None:
    text = "Mưa lớn ở Huế\nSáng 12/3, mưa lớn gây ngập nhiều tuyến phố.\n"
    [article] = clean_text(text, S, known_title="Mưa lớn ở Huế | Báo Gió")
    assert article.title == "Mưa lớn ở Huế"
    assert article.lead.startswith("Sáng 12/3")


def test_readers_comments_are_not_article_text() -> None:
    text = ("Phố đi bộ mở rộng thêm hai tuyến\n"
            "Từ ngày 1/10, thành phố mở rộng phố đi bộ thêm hai tuyến quanh hồ.\n"
            "Các tuyến mới hoạt động từ 19h tối thứ Sáu đến 24h Chủ nhật.\n"
            "Ý kiến bạn đọc\n"
            "Minh Tuấn\n"
            "Rất mong thành phố bố trí thêm bãi gửi xe quanh khu vực này.\n"
            "Trả lời\n")
    [article] = clean_text(text, S)
    assert len(article.paragraphs) == 1
    assert {r.rule for r in article.removed} == {"boilerplate.comments"}


def test_related_box_above_the_article() -> None:
    text = ("Tin nổi bật\n"
            "Giá xăng giảm lần thứ ba liên tiếp\n"
            "Từ 15h chiều nay, giá xăng giảm 300 đồng mỗi lít.\n"
            "Miền Bắc đón đợt không khí lạnh mới\n"
            "Nhiệt độ ở vùng núi có thể xuống dưới 10 độ C.\n"
            "Khai trương bến xe buýt điện đầu tiên\n"
            "Sáng 3/12, bến xe buýt điện đầu tiên của thành phố đi vào hoạt động.\n"
            "Bến có 40 trụ sạc và phục vụ 12 tuyến xe buýt nội đô.\n"
            "Thành phố dự kiến chuyển toàn bộ xe buýt sang điện vào năm 2030.\n")
    [article] = clean_text(text, S)
    assert article.title == "Khai trương bến xe buýt điện đầu tiên"
    assert article.lead.startswith("Sáng 3/12")
    assert len(article.paragraphs) == 2


# --- Failure classes found by the blind set (docs/cleaning_blind.md); invented text. ---


def rules_of(text: str) -> dict[int, str]:
    return {line.number: line.rule for line in line_roles(text, S) if line.role is not Role.BLANK}


BODY = ("Sáng 4/6, tỉnh Phú Yên khánh thành cầu vượt lũ nối hai xã ven sông Kỳ Lộ.\n"
        "Cây cầu dài 320 m, được xây dựng trong 18 tháng với vốn ngân sách tỉnh.\n"
        "Người dân hai xã từ nay không còn phải đi đò qua sông vào mùa mưa.\n")


@pytest.mark.parametrize("top", [
    "Giao thông\nCầu đường miền núi\n",  # two labels, the second of four syllables
    "Xã hội\nNông thôn mới\n",
    "Thời sự › Giao thông\n",  # breadcrumbs
    "Trang chủ / Kinh tế - Xã hội\n",
    "Tin tức | Địa phương\n",
    "THỜI SỰ\n",
])
def test_section_furniture_above_the_title_is_not_the_title(top: str) -> None:
    title = "Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ"
    [article] = clean_text(top + title + "\n" + BODY, S)
    assert article.title == title
    assert article.lead.startswith("Sáng 4/6")
    n_top = top.count("\n")
    got = roles(top + title + "\n" + BODY)
    assert all(got[k] == "boilerplate" for k in range(1, n_top + 1))


def test_short_title_over_a_sapo_is_still_the_title() -> None:
    # A three-word title with a paragraph under it is not a section label.
    [article] = clean_text("Bão số 3\n" + BODY, S)
    assert article.title == "Bão số 3"


def test_section_name_under_the_timestamp_of_an_untitled_page() -> None:
    text = ("Thứ Tư, 4/6/2025 10:20 (GMT+7)\nKinh tế\n(Báo Miền Trung) - " + BODY)
    [article] = clean_text(text, S)
    assert article.title == ""
    assert "no title line" in article.problems[0]
    assert rules_of(text)[2] == "boilerplate.section_label"
    assert article.source == "Báo Miền Trung"


def test_section_name_between_title_and_sapo_is_boilerplate() -> None:
    text = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n"
            "Thứ Tư, 4/6/2025 10:20\nGiao thông\n" + BODY)
    [article] = clean_text(text, S)
    assert article.lead.startswith("Sáng 4/6")
    assert rules_of(text)[3] == "boilerplate.section_label"


def test_footers_and_share_widgets_are_boilerplate() -> None:
    text = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n" + BODY +
            "Hoài Nam\n"
            "Chia sẻ:\n"
            "Facebook\n"
            "Chia sẻ: Facebook Zalo\n"
            "Tạp chí Miền Biển điện tử. Tòa soạn: 12 Trần Phú, TP Tuy Hòa.\n"
            "Hotline: 0900 000 000. Email: toasoan@example.vn\n"
            "© 2025 Tạp chí Miền Biển. Giấy phép số 99/GP-BTTTT.\n"
            "Bản quyền thuộc về Tạp chí Miền Biển. Cấm sao chép khi chưa được đồng ý.\n")
    [article] = clean_text(text, S)
    assert article.byline == "Hoài Nam"
    assert len(article.paragraphs) == 2
    got = rules_of(text)
    assert got[6] == got[8] == "boilerplate.widget"
    assert got[9] == got[10] == got[11] == got[12] == "boilerplate.footer"


def test_contact_line_right_after_the_text_is_kept() -> None:
    # An appeal ends with its own hotline: no furniture stands before it.
    text = ("Quỹ học bổng cho học sinh vùng lũ\n" + BODY +
            "Bạn đọc muốn ủng hộ xin liên hệ ban tổ chức.\n"
            "Hotline: 0900 111 222\n")
    [article] = clean_text(text, S)
    assert article.paragraphs[-1] == "Hotline: 0900 111 222"


def test_copyright_word_inside_a_sentence_is_body() -> None:
    text = ("Tranh chấp tác quyền bài hát\n" + BODY +
            "Ca sĩ cho rằng bản quyền thuộc về nhạc sĩ đã mất, không phải công ty.\n"
            "Vụ việc đang được tòa án xem xét.\n")
    assert roles(text)[6] == "body"


@pytest.mark.parametrize("line,byline", [
    ("Hoài Nam (TTXVN)", "Hoài Nam (TTXVN)"),
    ("Lê Thảo (Vietnam+)", "Lê Thảo (Vietnam+)"),
    ("Bài và ảnh: HOÀI NAM", "HOÀI NAM"),
    ("Bài, ảnh: Hoài Nam", "Hoài Nam"),
])
def test_agency_and_prefixed_bylines_close_the_article(line: str, byline: str) -> None:
    text = "Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n" + BODY + line + "\n"
    [article] = clean_text(text, S)
    assert article.byline == byline
    assert rules_of(text)[5] == "closing.byline"


def test_upper_case_heading_without_prefix_is_not_a_byline() -> None:
    assert not is_byline("ĐỘI HÌNH XUẤT PHÁT")
    assert is_byline("Tin, ảnh: NGỌC LAN")


def test_bare_outlet_address_under_the_title_is_boilerplate() -> None:
    text = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\nMIENBIEN.VN\n" + BODY +
            "Hoài Nam/MIENBIEN.VN\n")
    [article] = clean_text(text, S)
    assert article.byline == "Hoài Nam/MIENBIEN.VN"
    assert rules_of(text)[2] == "boilerplate.outlet_name"


def test_outlet_address_where_the_article_ends_is_its_source() -> None:
    text = "Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n" + BODY + "Baomienbien.vn\n"
    [article] = clean_text(text, S)
    assert article.source == "Baomienbien.vn"


def test_caption_under_or_above_a_credit_line() -> None:
    under = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n" + BODY +
             "Ảnh: Hoài Nam\n"
             "Xe máy qua cầu trong buổi sáng khánh thành.\n"
             "Tỉnh dự kiến xây thêm hai cầu tương tự trong năm tới ở các huyện miền núi.\n")
    got = rules_of(under)
    assert got[5] == "boilerplate.credit"
    assert got[6] == "caption.by_credit"
    above = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\n" + BODY +
             "Cây cầu nhìn từ bờ bắc sông Kỳ Lộ.\n"
             "Ảnh: Hoài Nam\n"
             "Theo Sở Giao thông, tỉnh sẽ xây thêm hai cầu tương tự trong năm tới.\n")
    got = rules_of(above)
    assert got[5] == "caption.by_credit"
    assert got[7] == "body.paragraph"


def test_chart_label_is_a_caption_and_a_name_only_credit_is_not() -> None:
    text = ("Giá gạo xuất khẩu tăng ba tháng liền\n"
            "Giá gạo xuất khẩu của Việt Nam tiếp tục tăng trong tháng 5, theo hiệp hội.\n"
            "Biểu đồ: giá gạo 5% tấm trong sáu tháng đầu năm\n"
            "Đồ họa: Thu Trang\n"
            "Infographic: sản lượng gạo theo vùng\n"
            "Các doanh nghiệp dự báo giá còn giữ ở mức cao đến cuối quý.\n"
            "Hoài Nam\n")
    got = rules_of(text)
    assert got[3] == got[5] == "caption.chart"
    assert got[4] == "boilerplate.credit"
    [article] = clean_text(text, S)
    assert len(article.captions) == 2


def test_title_repeated_with_a_number_is_a_photo() -> None:
    title = "Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ"
    text = (title + "\n" + BODY + title + " - 1\n"
            "Người dân đi bộ qua cầu trong ngày khánh thành\n"
            "Tỉnh dự kiến xây thêm hai cầu tương tự trong năm tới ở các huyện miền núi.\n")
    got = rules_of(text)
    assert got[5] == "photo.placeholder"
    assert got[6] == "caption.after_photo"


@pytest.mark.parametrize("lead,outlet,rest", [
    ("Dân trí - Sáng 4/6, tỉnh khánh thành cầu.", "Dân trí", "Sáng 4/6, tỉnh khánh thành cầu."),
    ("Zing - Chiều qua, mưa lớn.", "Zing", "Chiều qua, mưa lớn."),
    ("VietNamNet - Hôm nay, giá xăng giảm.", "VietNamNet", "Hôm nay, giá xăng giảm."),
    ("VTV.vn - Tối 3/6, trận đấu diễn ra.", "VTV.vn", "Tối 3/6, trận đấu diễn ra."),
    # Not outlets: a route and a camel-case brand keep their words.
    ("Hà Nội - Hải Phòng là tuyến cao tốc đông xe.", None,
     "Hà Nội - Hải Phòng là tuyến cao tốc đông xe."),
    ("TikTok - mạng xã hội video ngắn - vừa bị phạt.", None,
     "TikTok - mạng xã hội video ngắn - vừa bị phạt."),
])
def test_unbracketed_outlet_tags(lead: str, outlet: str | None, rest: str) -> None:
    assert strip_outlet_prefix(lead) == (rest, outlet)


def test_unbracketed_outlet_tag_gives_the_source() -> None:
    text = ("Phú Yên khánh thành cầu vượt lũ trên sông Kỳ Lộ\nDân trí - " + BODY)
    [article] = clean_text(text, S)
    assert article.source == "Dân trí"
    assert article.lead.startswith("Sáng 4/6")
