"""Rough edges of the web pages: what a new reader sees first and on an article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from fixtures_web import HUE_1, HUE_2, SETTINGS, article
from thoisu.model import Event, Origin, PartialDate, Story
from thoisu.store import Store
from thoisu.web import create_app

UNDATED = article("bb33000000000003", "Tin không rõ ngày ở Đà Lạt",
                  "Đà Lạt đón nhiều khách du lịch trong dịp lễ.",
                  ["Các khách sạn trong thành phố gần như kín phòng."], None)
LAID_OUT = article("cc44000000000004", "Khánh thành cầu mới ở Đà Nẵng",
                   "Sáng 25/3/2024, Đà Nẵng khánh thành cây cầu mới bắc qua sông Hàn.",
                   ["Cây cầu dài 500 mét, có bốn làn xe.", "Ý kiến người dân",
                    "Nhiều người dân đến xem lễ khánh thành từ sớm."],
                   PartialDate(2024, 3, 25), captions=["Cây cầu mới nhìn từ bờ Đông"],
                   meta={"layout": {"subheadings": [1], "captions_after": [0]}})
NO_OUTLET = article("dd55000000000005", "Một trang không có nguồn",
                    "Ngày 2/4/2024, hội chợ sách mở cửa ở Hà Nội.",
                    ["Hội chợ kéo dài một tuần."], PartialDate(2024, 4, 2))
NO_OUTLET.origin = Origin("/srv/thu-muc/trang-web.html")


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    url = f"sqlite:///{tmp_path / 'tin.db'}"
    with Store.open(url) as store:
        store.add_articles([HUE_1, HUE_2])
        timeline = [Event(PartialDate(2024, 3, 12), "Mưa lớn gây ngập ở Huế", [HUE_1.id])]
        hue = Story("s-hue", "Mưa ở Huế", [HUE_1.id, HUE_2.id], timeline=timeline,
                    analysis_version="test")
        store.save_stories([hue])
        store.save_derived([hue])
        store.add_articles([UNDATED, LAID_OUT, NO_OUTLET])  # added last: the newest stamps
        store.save_stories([Story("s-dalat", "Đà Lạt", [UNDATED.id]),
                            Story("s-cau", "Cầu mới", [LAID_OUT.id]),
                            Story("s-sach", "Hội chợ sách", [NO_OUTLET.id])])
    return TestClient(create_app(url, SETTINGS))


def test_undated_stories_come_after_the_dated_news(client: TestClient) -> None:
    with client:
        page = client.get("/").text
        ids = re.findall(r'href="/stories/([\w-]+)"', page)
        ids = list(dict.fromkeys(ids))
        assert ids[-1] == "s-dalat", ids
        assert ids.index("s-sach") < ids.index("s-cau") < ids.index("s-hue")
        api = client.get("/api/stories").json()["stories"]
        assert [s["id"] for s in api][-1] == "s-dalat"


def test_sources_and_upload_are_linked_before_login(client: TestClient) -> None:
    with client:
        page = client.get("/").text
    assert 'href="/sources"' in page and 'href="/upload"' in page


def test_an_article_page_hides_the_input_path_and_keeps_its_layout(client: TestClient) -> None:
    with client:
        page = client.get(f"/articles/{LAID_OUT.id}").text
        other = client.get(f"/articles/{NO_OUTLET.id}").text
    assert "tay/" not in page and "/srv/thu-muc" not in other and "trang-web" not in other
    body = page[page.index('<p class="lead">'):page.index("</article>")]
    heading = body.index('<h2 class="subheading">')
    caption = body.index('<p class="caption">Ảnh: Cây cầu mới nhìn từ bờ Đông</p>')
    first, later = body.index("Cây cầu dài 500 mét"), body.index("Nhiều người dân")
    assert first < caption < heading < later  # the caption beside its paragraph
    assert "Ý kiến người dân</span></h2>" in body or "Ý kiến người dân</h2>" in body


def test_the_timeline_is_shown_once(client: TestClient) -> None:
    with client:
        page = client.get("/stories/s-hue").text
    assert page.count('<ol class="timeline">') == 1
    chart = page.find("<svg")
    assert chart < 0 or page.rfind("<details", 0, chart) > page.rfind("</details>", 0, chart)


def test_an_outlet_less_page_is_not_named_after_its_file() -> None:
    from thoisu.render.timeline_chart import outlet_name

    assert outlet_name(NO_OUTLET) == "nguồn không rõ"


def test_the_cleaner_notes_where_subheadings_and_captions_stood() -> None:
    from thoisu.clean.build import build_article
    from thoisu.clean.features import LineInfo
    from thoisu.clean.split import Span
    from thoisu.model import Role

    rows = [("Khánh thành cầu mới", Role.TITLE), ("Sáng 25/3, cầu mới thông xe.", Role.LEAD),
            ("Cây cầu dài 500 mét.", Role.BODY), ("Cầu nhìn từ bờ Đông", Role.CAPTION),
            ("Ý kiến người dân", Role.SUBHEADING), ("Nhiều người đến xem từ sớm.", Role.BODY)]
    infos = [LineInfo(n, text, len(text.split()), text.endswith("."), role, "test", 1)
             for n, (text, role) in enumerate(rows, 1)]
    made = build_article(infos, Span(1, rows[0][0], 0, len(infos)), 0, len(infos),
                         Origin("cau.txt"), {})
    assert made.paragraphs[1] == "Ý kiến người dân"
    assert made.meta["layout"] == {"subheadings": [1], "captions_after": [0]}
