"""Properties of publication dates and of every page that shows one (issue #19):

- for any article and any fetch time, the publication date is never after the fetch day and,
  without metadata, never more than the window before it;
- from the text alone, a date introduced as future or as a span's edge is never the day of
  writing;
- no output a person reads (Markdown, HTML, the timeline, ``thoisu stories``) contains the
  TimeML placeholder ``XXXX``; JSON keeps TimeML.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoisu.dates.published import WRITING_WINDOW_DAYS, infer_published
from thoisu.model import Article, Digest, Event, Origin, PartialDate, Story
from thoisu.render.dates_vi import format_date, format_event_date, format_span, html_datetime
from thoisu.render.html_report import digest_html
from thoisu.render.json_report import digest_to_json
from thoisu.render.markdown import digest_markdown
from thoisu.render.timeline_chart import timeline_html, timeline_markdown

DAYS = st.tuples(st.integers(1, 31), st.integers(1, 12))
# Invented openings, background and plans in the manner of Vietnamese news.
PHRASES = [
    "Ngày {d}/{m}, đoàn công tác làm việc với tỉnh.",
    "TTO - Chiều {d}/{m}, mưa lớn gây ngập nhiều tuyến phố.",
    "Sáng {d}/{m}/{y}, lễ khánh thành cầu mới diễn ra.",
    "Hôm qua ({d}/{m}), hội nghị đã bế mạc.",
    "Hôm nay {d}.{m} hàng nghìn người đổ về quảng trường.",
    "Luật mới có hiệu lực từ ngày {d}/{m}.",
    "Dự án sẽ hoàn thành vào ngày {d}/{m}/{y}.",
    "Hạn nộp hồ sơ kéo dài đến hết ngày {d}/{m}.",
    "Vụ việc xảy ra ngày {d}/{m}/{y}, khi đó trời mưa.",
    "Hôm thứ Hai ({d}/{m}), các bên đã gặp nhau.",
    "Năm {y}, doanh thu của công ty tăng mạnh.",
    "Giá xăng tiếp tục giảm.",
]


@st.composite
def articles(draw: st.DrawFn) -> Article:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        phrase = draw(st.sampled_from(PHRASES))
        d, m = draw(DAYS)
        parts.append(phrase.format(d=d, m=m, y=draw(st.integers(1990, 2030))))
    d, m = draw(DAYS)
    title = draw(st.sampled_from(["Tin trong nước", f"Họp báo {d}/{m}", "Thời sự"]))
    return Article(id="a", origin=Origin("t"), title=title, paragraphs=parts)


FETCHED = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2035, 12, 31))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), FETCHED, st.sampled_from(["fetched", "crawled", "last_modified"]))
def test_never_after_the_fetch_day_nor_before_the_window(article: Article, when: dt.datetime,
                                                         key: str) -> None:
    article.meta = {key: when.isoformat()}
    found = infer_published(article)
    assert found is not None and found.value.year is not None
    assert found.value.month is not None and found.value.day is not None
    day = dt.date(found.value.year, found.value.month, found.value.day)
    assert when.date() - dt.timedelta(days=WRITING_WINDOW_DAYS) <= day <= when.date(), (
        found.evidence)


@settings(max_examples=150, deadline=None)
@given(DAYS, st.sampled_from(["Luật mới có hiệu lực từ ngày {d}/{m}.",
                              "Hạn nộp hồ sơ kéo dài đến hết ngày {d}/{m}.",
                              "Công trình sẽ khánh thành vào ngày {d}/{m}.",
                              "Cuộc họp dự kiến diễn ra ngày {d}/{m} tới."]))
def test_a_future_or_edge_day_is_never_the_day_of_writing(day: tuple[int, int],
                                                           phrase: str) -> None:
    text = phrase.format(d=day[0], m=day[1])
    found = infer_published(Article(id="a", origin=Origin("t"), title="Tin mới",
                                    paragraphs=[text]))
    assert found is None or (found.value.month, found.value.day) != (day[1], day[0])


PARTIAL = st.builds(PartialDate, st.none() | st.integers(1990, 2030),
                    st.none() | st.integers(1, 12), st.none() | st.integers(1, 28))


def _digest(dates: list[PartialDate | None], events: list[tuple[PartialDate, PartialDate | None]]
            ) -> Digest:
    arts = [Article(id=f"a{k}", origin=Origin(f"a{k}.txt"), title=f"Bài {k}",
                    paragraphs=["Nội dung."], published=d) for k, d in enumerate(dates)]
    story = Story(id="s1", title="Câu chuyện", articles=[a.id for a in arts],
                  timeline=[Event(d, "Sự kiện.", [arts[0].id], end=e) for d, e in events])
    return Digest(articles=arts, stories=[story])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARTIAL | st.none(), min_size=1, max_size=4),
       st.lists(st.tuples(PARTIAL, PARTIAL | st.none()), max_size=4))
def test_no_page_a_person_reads_shows_timeml(dates: list[PartialDate | None],
                                              events: list[tuple[PartialDate, PartialDate | None]]
                                              ) -> None:
    digest = _digest(dates, events)
    timeline = digest.stories[0].timeline
    shown = [digest_markdown(digest), digest_html(digest),
             timeline_markdown(timeline, digest.articles), timeline_html(timeline,
                                                                         digest.articles)]
    shown += [format_date(d) for d in dates] + [format_event_date(e) for e in timeline]
    shown += [format_span(a, b) for a, b in events] + [html_datetime(d) for d in dates]
    for page in shown:
        assert "XXXX" not in page
    # JSON is for machines: it keeps TimeML, partial dates included.
    partial = [d for d in dates if d is not None and d.year is None and d.month and d.day]
    if partial:
        assert "XXXX" in str(digest_to_json(digest))


def test_stories_table_never_shows_timeml(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from thoisu.cli import cli
    from thoisu.settings import Settings
    from thoisu.store import Store
    from thoisu.stories.sync import update_stories

    url = f"sqlite:///{tmp_path / 'tin.db'}"
    texts = ["Đêm 3/8, lũ quét xảy ra tại huyện vùng cao, cuốn trôi nhiều nhà dân. Lực lượng "
             "cứu hộ đang tìm kiếm những người mất tích.",
             "Sau trận lũ quét đêm 3/8 ở huyện vùng cao, lực lượng cứu hộ tiếp tục tìm kiếm "
             "người mất tích và giúp dân dựng lại nhà bị cuốn trôi."]
    arts = [Article(id=f"lu{k}", origin=Origin(f"lu{k}.txt"), title="Lũ quét ở vùng cao",
                    paragraphs=[texts[k]], published=d)
            for k, d in enumerate([PartialDate(None, 8, 4), PartialDate(2017, 8, 5)])]
    with Store.open(url) as store:
        store.add_articles(arts)
        update_stories(store, arts, Settings())
        story = store.list_stories()[0]
    table = CliRunner().invoke(cli, ["stories", "--db", url])
    shown = CliRunner().invoke(cli, ["stories", "show", story.id, "--db", url])
    assert table.exit_code == 0 and shown.exit_code == 0, table.output + shown.output
    assert "XXXX" not in table.output + shown.output
    assert "4/8 (chưa rõ năm)" in shown.output and "5/8/2017" in table.output
