"""Stories that do not depend on the order articles arrive in, and joins that need event evidence
(names or a told day) besides words. Hand-made Vietnamese news in the style of the wires."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import thoisu.stories.cluster as cluster
from thoisu.evaluate.bcubed import bcubed
from thoisu.evaluate.clustering import story_labels
from thoisu.model import Article, Origin, PartialDate, TimeExpr
from thoisu.settings import Settings
from thoisu.stories.cluster import StoryClusterer
from thoisu.stories.placement import told_days

EVENTS = {
    "bao": ("Bão số 5 đổ bộ vào Quảng Ngãi", "Bão số 5 với sức gió giật cấp 12 đã đổ bộ vào "
            "Quảng Ngãi rạng sáng, Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết mưa "
            "lớn kéo dài, hàng nghìn hộ dân ở Bình Sơn được sơ tán."),
    "xang": ("Giá xăng RON 95 giảm lần thứ ba", "Liên Bộ Công Thương và Tài chính điều chỉnh "
             "giá xăng RON 95 giảm 500 đồng mỗi lít từ 15 giờ chiều nay, Petrolimex áp dụng "
             "ngay tại các cửa hàng bán lẻ."),
    "bong": ("Tuyển Việt Nam thắng Thái Lan ở Mỹ Đình", "Đội tuyển Việt Nam của huấn luyện "
             "viên Park Hang-seo thắng Thái Lan 2-0 trên sân Mỹ Đình, Quang Hải ghi bàn mở tỷ "
             "số ở phút 30 trước hơn 40.000 khán giả."),
}
TAILS = ["Các cơ quan chức năng đang theo dõi sát diễn biến.",
         "Thông tin được cập nhật liên tục trong ngày.",
         "Phóng viên có mặt tại hiện trường ghi nhận."]


def _articles() -> tuple[list[Article], dict[str, str]]:
    out, gold = [], {}
    for key, (title, lead) in EVENTS.items():
        for k, tail in enumerate(TAILS):
            a = Article(f"{key}{k}", Origin(f"{key}{k}.txt"), title=title,
                        lead=lead, paragraphs=[tail],
                        published=PartialDate(2024, 9, 10 + k))
            out.append(a)
            gold[a.id] = key
    return out, gold


def _labels(parts: list[list[Article]]) -> dict[str, str]:
    clusterer = StoryClusterer(Settings())
    for part in parts:
        clusterer.add(part)
    return story_labels(clusterer.stories())


def test_the_same_stories_whatever_the_order_and_batching() -> None:
    articles, gold = _articles()
    once = _labels([articles])
    assert bcubed(gold, once).f1 == 1.0
    shuffled = list(articles)
    random.Random(4).shuffle(shuffled)
    for parts in ([shuffled[:4], shuffled[4:]], [list(reversed(articles))],
                  [[a] for a in shuffled]):
        assert bcubed(once, _labels(parts)).f1 == 1.0


def test_a_batch_after_an_early_one_gives_the_stories_of_one_batch() -> None:
    # Alone, two reports of the storm and one of fuel prices are compared among themselves;
    # the batch after them is grouped together with that recent window, not against frozen
    # decisions: the final stories equal one batch's.
    articles, gold = _articles()
    first = [a for a in articles if a.id in ("bao0", "xang0", "bong0")]
    rest = [a for a in articles if a not in first]
    later = _labels([first, rest])
    assert bcubed(gold, later).f1 == 1.0
    assert bcubed(_labels([articles]), later).f1 == 1.0


def _told(article: Article, *values: str) -> Article:
    article.dates = [TimeExpr(v, 0, 1, "date", v) for v in values]
    return article


def test_told_days_keep_month_and_day_whatever_the_year() -> None:
    a = _told(Article("a", Origin("a.txt")), "2013-10-23", "XXXX-10-25", "2013", "P1D")
    assert told_days(a) == frozenset({1023, 1025})


def test_words_alone_do_not_join_without_shared_names_or_days(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Same vocabulary (a storm, gusts, evacuations), other places, other days: another storm.
    words = ("bão đổ bộ gió giật cấp mạnh mưa lớn kéo dài hàng nghìn hộ dân sơ tán khẩn cấp "
             "lực lượng cứu hộ túc trực")
    one = [_told(Article(f"q{k}", Origin(f"q{k}.txt"), title="Bão đổ bộ vào Quảng Ngãi",
                         lead=f"Tại Quảng Ngãi và Bình Sơn, {words}.", paragraphs=[tail]),
                 "2024-09-12") for k, tail in enumerate(TAILS[:2])]
    other = _told(Article("c", Origin("c.txt"), title="Bão đổ bộ vào Cà Mau",
                          lead=f"Tại Cà Mau và Năm Căn, {words}."), "2024-11-03")

    def story_count() -> int:
        clusterer = StoryClusterer(Settings())
        clusterer.add([*one, other])
        return len(clusterer.stories())

    # Texts this alike in every syllable are joined by the anchor's rule (mean syllable
    # cosine at ANCHOR_JOIN), which asks for no evidence: what the anchor joins, we join.
    assert story_count() == 1
    # Our own rule, the anchor's aside, keeps them apart.
    monkeypatch.setattr(cluster, "ANCHOR_JOIN", 2.0)
    assert story_count() == 2
    # Without the evidence rule the same words would have joined them: the test can fail.
    monkeypatch.setattr(cluster, "EVIDENCE_NAMES", -1.0)
    assert story_count() == 1


def test_a_shared_told_day_is_evidence_enough() -> None:
    words = "giá xăng giảm đồng mỗi lít áp dụng cửa hàng bán lẻ điều chỉnh kỳ này"
    a = _told(Article("x1", Origin("x1.txt"), title="Giá xăng giảm",
                      lead=f"Theo Petrolimex, {words}."), "2024-09-15")
    b = _told(Article("x2", Origin("x2.txt"), title="Giá xăng giảm",
                      lead=f"Theo Bộ Tài chính, {words}."), "2024-09-15")
    clusterer = StoryClusterer(Settings())
    clusterer.add([a, b])
    assert len(clusterer.stories()) == 1


def test_ktlab_loader_reads_every_cluster(ktlab_dir: Path) -> None:
    from thoisu.evaluate.story_sets import ktlab_articles

    articles, gold = ktlab_articles(ktlab_dir)
    assert len(articles) == 316 and len(set(gold.values())) == 100
    assert all(a.title and a.lead and a.paragraphs for a in articles)
    assert all("_" not in a.title for a in articles)  # the segmentation is undone
    # the outlet comes from the link when it names one (some links give only a number)
    assert sum(1 for a in articles if a.source) >= 0.75 * len(articles)
    assert len({a.id for a in articles}) == len(articles)


def test_ktlab_loader_says_what_is_missing(tmp_path: Path) -> None:
    from thoisu.evaluate.story_sets import ktlab_articles

    with pytest.raises(FileNotFoundError, match="no cluster_N folders"):
        ktlab_articles(tmp_path)
    (tmp_path / "cluster_1").mkdir()
    (tmp_path / "cluster_1" / "7.body.txt").write_text("Nội dung.", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"7\.info\.txt"):
        ktlab_articles(tmp_path)


@pytest.fixture(scope="module")
def ktlab_dir() -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "ktlab-dev"
    if not path.is_dir():
        pytest.skip(f"{path} is missing")
    return path
