"""The names stage's contract: article_names places mentions; story_entities reads the record."""

import pytest

from thoisu.entities import article_names, story_entities
from thoisu.model import Article, Entity, Origin
from thoisu.settings import Settings
from thoisu.text.sentences import article_sentences


def _article(title: str, *paragraphs: str) -> Article:
    a = Article(id=title, origin=Origin("x"), title=title, paragraphs=list(paragraphs))
    a.sentences = article_sentences("", a.paragraphs)
    return a


def test_mentions_index_sentences_and_point_into_their_text() -> None:
    a = _article("Bão đổ bộ Quảng Ngãi", "Trời mưa. Ông Nguyễn Văn Bình ở Đà Nẵng cho biết.")
    entities, mentions = article_names(a, Settings())
    for m in mentions:
        text = a.title if m.sentence is None else a.sentences[m.sentence].text
        assert text[m.start:m.end] == m.text
    assert {(m.text, m.sentence) for m in mentions} >= {
        ("Quảng Ngãi", None), ("Nguyễn Văn Bình", 1), ("Đà Nẵng", 1)}
    names = {e.name for e in entities}
    assert {m.name for m in mentions} == names


def test_story_entities_reads_the_record_and_refuses_an_unanalysed_article() -> None:
    analysed = _article("x", "Ông Lê Văn Tám đến Huế.")
    analysed.analysis_version = "test"
    analysed.entities = [Entity("Zorvex Quill", "PER", 7, ["Zorvex Quill"])]
    got = {e.name: e.count for e in story_entities([analysed])}
    assert got == {"Zorvex Quill": 7}  # stored, not found again in the text
    raw = _article("y", "Ông Lê Văn Tám đến Huế.")
    with pytest.raises(ValueError, match=r"'y' .* is not analysed.*ensure_analysed"):
        story_entities([analysed, raw])


def test_user_gazetteer_reaches_article_names(tmp_path) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text("Quillbrook Labs\tORG\tcompany\tQuillbrook Labs|QBL\n", encoding="utf-8")
    a = _article("t", "QBL vừa ra mắt sản phẩm mới.")
    entities, _ = article_names(a, Settings(gazetteer_file=str(extra)))
    assert ("Quillbrook Labs", "ORG") in {(e.name, e.type) for e in entities}
