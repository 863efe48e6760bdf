"""Invented articles for the web tests (every text here is made up for them).

:func:`fill_store` analyses them and puts them in a store through ``ingest_articles``, the one
write path, so the pages read stored summaries, timelines and names as in real use.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from thoisu.model import Article, DateEvidence, Origin, PartialDate, Removed, Story
from thoisu.settings import Settings

SETTINGS = Settings(segmenter="syllable")  # no CRF model to load: the tests stay quick
BAD_TITLE = 'Lũ về <script>alert("x")</script> & "ngập"'
HOSTILE_TEXT = '<img src=x onerror="alert(2)"> và <a href="javascript:alert(3)">bấm</a>'
KREMLIN_SENTENCE = "Cuộc hội đàm tại Điện Kremlin kéo dài ba giờ đồng hồ."


def article(id: str, title: str, lead: str, paragraphs: list[str],
            published: PartialDate | None, **fields: object) -> Article:
    evidence = DateEvidence(published, 1.0, ["viết tay"]) if published else None
    return Article(id=id, origin=Origin(f"tay/{id}.txt"), title=title, lead=lead,
                   paragraphs=paragraphs, published=published, published_evidence=evidence,
                   **fields)  # type: ignore[arg-type]


HUE_1 = article(
    "aa11000000000001", "Mưa lớn gây ngập ở Huế",
    "Sáng 12/3/2024, mưa lớn kéo dài khiến nhiều tuyến phố ở Huế ngập sâu.",
    ["Nước rút chậm, người dân phải đi lại bằng thuyền trên đường Lê Lợi.",
     "UBND tỉnh Thừa Thiên Huế cho học sinh nghỉ học ngày 13/3/2024."],
    PartialDate(2024, 3, 12), source="Tin Nhanh", byline="Trần An",
    removed=[Removed("Xem thêm: Dự báo thời tiết", "boilerplate", "see-also", 9),
             Removed("Ảnh minh họa", "photo", "photo-placeholder", 4)])
HUE_2 = article(
    "aa22000000000002", "Huế tiếp tục mưa, học sinh nghỉ học",
    "Ngày 13/3/2024, mưa lớn tiếp tục ở Huế, nhiều tuyến phố trên đường Lê Lợi vẫn ngập.",
    ["UBND tỉnh Thừa Thiên Huế cho học sinh nghỉ học thêm một ngày vì mưa lớn.",
     "Người dân Huế dọn dẹp nhà cửa khi nước rút."],
    PartialDate(2024, 3, 13), source="Báo Miền Trung")
HOSTILE = article(
    "bb33000000000003", BAD_TITLE, "Chiều 20/5/2023, lũ trên sông Lam lên nhanh.",
    [f"Người dân ven sông được sơ tán. {HOSTILE_TEXT}"], PartialDate(2023, 5, 20),
    url="javascript:alert(1)", source='Tin <b onmouseover="alert(4)">Lạ</b>')
KREMLIN = article(
    "cc44000000000004", "Tổng thống Pháp đến Điện Kremlin",
    "Chiều 8/6/2022, Tổng thống Pháp tới Moskva để hội đàm với lãnh đạo Nga.",
    ["Hai bên bàn về an ninh châu Âu và thương mại.", KREMLIN_SENTENCE,
     "Sau cuộc gặp, hai nhà lãnh đạo họp báo chung."],
    PartialDate(2022, 6, 8), source="Thời Sự 24")
HAI_PHONG = article(
    "dd55000000000005", "Hải Phòng đón chuyến tàu hàng lớn nhất",
    "Sáng 2/9/2021, cảng Hải Phòng đón con tàu chở 12.000 container.",
    ["Đây là chuyến tàu lớn nhất từng cập cảng Hải Phòng."], PartialDate(2021, 9, 2),
    source="Tin Nhanh")
DONG_DIEN = article(
    "ee66000000000006", "Màn đồng diễn của ba nghìn học sinh Đà Nẵng",
    "Tối 30/4/2020, ba nghìn học sinh Đà Nẵng tham gia màn đồng diễn thể dục.",
    ["Buổi đồng diễn diễn ra ở quảng trường bên sông Hàn."], PartialDate(2020, 4, 30),
    source="Nhịp Sống")

PLACES = ["Cần Thơ", "Lào Cai", "Quảng Ninh", "Nghệ An", "Bình Định", "Gia Lai", "Cà Mau",
          "Sơn La", "Phú Yên", "Hà Giang", "Kon Tum", "Bến Tre", "Lạng Sơn", "Ninh Thuận",
          "Tây Ninh", "Yên Bái", "Hậu Giang", "Điện Biên", "Bắc Kạn", "Long An", "Trà Vinh",
          "Hòa Bình"]
THINGS = [("khai trương chợ nổi", "thương lái"), ("trồng rừng ngập mặn", "kiểm lâm"),
          ("sửa đường đèo", "công nhân"), ("mở lớp học bơi", "trẻ em"),
          ("đón đoàn du khách", "hướng dẫn viên"), ("thu hoạch cà phê", "nông dân"),
          ("xây cầu treo", "bộ đội"), ("tổ chức hội sách", "nhà văn"),
          ("phòng chống sốt xuất huyết", "y tế"), ("nạo vét kênh", "thủy lợi"),
          ("lắp đèn năng lượng mặt trời", "thanh niên")]


def filler() -> list[Article]:
    """A story a place, months apart, so the home page has more than one page of cards."""
    out = []
    day0 = dt.date(2015, 1, 10)
    for k, place in enumerate(PLACES):
        what, who = THINGS[k % len(THINGS)]
        day = day0 + dt.timedelta(days=70 * k)
        when = f"{day.day}/{day.month}/{day.year}"
        out.append(article(
            f"f{k:03d}0000000000{k:02d}"[:16], f"{place} {what}",
            f"Ngày {when}, tỉnh {place} {what} với sự tham gia của nhiều {who}.",
            [f"Lãnh đạo tỉnh {place} cho biết việc {what} sẽ tiếp tục trong năm {day.year}."],
            PartialDate(day.year, day.month, day.day),
            source="Tin Phương Nam" if k % 2 else "Báo Sáng"))
    return out


def all_articles() -> list[Article]:
    return [HUE_1, HUE_2, HOSTILE, KREMLIN, HAI_PHONG, DONG_DIEN, *filler()]


def fill_store(url: str, settings: Settings = SETTINGS) -> None:
    """Analyse the invented articles and ingest them into the store at ``url``."""
    from thoisu.ingest import ingest_articles
    from thoisu.pipeline import analyse
    from thoisu.store import Store

    items = []
    for a in all_articles():
        a = copy.deepcopy(a)
        published, evidence = a.published, a.published_evidence
        analyse(a, settings)
        a.published, a.published_evidence = published, evidence
        items.append(a)
    with Store.open(url) as store:
        ingest_articles(store, items, settings)


def hue_store(tmp_path: Path) -> str:
    """A SQLite store in ``tmp_path`` with the two Huế articles as one story; its URL."""
    from thoisu.store import Store

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    with Store.open(url) as store:
        store.add_articles([HUE_1, HUE_2])
        store.save_stories([Story("s-hue", "Mưa ở Huế", [HUE_1.id, HUE_2.id])])
    return url


def editor_token(url: str) -> str:
    """A new API token's secret for the store at ``url``."""
    from thoisu.store import Store
    from thoisu.store.tokens import create_token

    with Store.open(url) as store:
        return create_token(store, "bien-tap").secret
