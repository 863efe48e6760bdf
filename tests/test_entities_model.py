"""The names model: features that can hide a name, silver labels, the packaged weights, and
how the model joins the rules (rules on top, model adds names the rules did not see)."""

from __future__ import annotations

from thoisu.entities import article_names, extract_entities
from thoisu.entities.combine import with_model
from thoisu.entities.features import token_features
from thoisu.entities.model import DEFAULT_MODEL, get_model
from thoisu.entities.ner import find_mentions
from thoisu.entities.train import bio, silver_article, training_items
from thoisu.model import Article, Origin


def test_hidden_tokens_lose_their_identity_here_and_in_their_neighbours() -> None:
    words = ["Ông", "Trần", "Hữu", "Phước", "cho", "biết"]
    shown = token_features(words)
    hidden = token_features(words, hidden={1, 2, 3})
    assert "w=phước" in shown[3] and "surname" in shown[1]
    assert not any(f.startswith("w=") for f in hidden[3]) and "surname" not in hidden[1]
    assert "w-1=hữu" in shown[3] and not any(f.startswith("w-1=") for f in hidden[3])
    assert "cue>speech" in hidden[3] and "cue<title" in hidden[1]  # the context stays
    assert "s-1=Xx" in hidden[4] and not any(f.startswith("w-1=") for f in hidden[4])


def test_bio_labels_follow_character_spans() -> None:
    words, labels = bio("Bà Hoàng Thị Lụa, 52 tuổi, ở Nghệ An.", [(3, 16, "PER"), (29, 36, "LOC")])
    assert list(zip(words, labels, strict=True))[1:4] == [
        ("Hoàng", "B-PER"), ("Thị", "I-PER"), ("Lụa", "I-PER")]
    assert labels[-3:] == ["B-LOC", "I-LOC", "O"]


def test_silver_keeps_typed_sentences_and_drops_those_with_an_untyped_run() -> None:
    texts = ["Chủ tịch UBND tỉnh Quảng Bình Trần Văn Hùng đến Đồng Hới.",
             "Buổi lễ có tên Sắc Xuân Miền Núi được tổ chức lần đầu."]
    silver = silver_article(texts, "c1")
    assert len(silver) == 1
    assert "B-PER" in silver[0].labels and "B-ORG" in silver[0].labels


def test_training_hides_names_with_a_fixed_seed() -> None:
    silver = silver_article(["Ông Trần Văn Hùng gặp ông Lê Minh Tâm tại Huế."] * 8, "c1")
    first = [x for x, _ in training_items(silver, seed=3)]
    again = [x for x, _ in training_items(silver, seed=3)]
    assert first == again
    name_rows = [x[1] for x in first]  # "Trần" in each copy
    assert any("w=trần" in f for f in name_rows) and any("w=trần" not in f for f in name_rows)


def test_packaged_model_is_small_and_opens_offline() -> None:
    assert DEFAULT_MODEL.is_file() and DEFAULT_MODEL.stat().st_size < 5_000_000
    spans = get_model().spans("Tiền vệ Okonkwo-Baye chuyền bóng cho Tarkowski ghi bàn.")
    texts = {("Tiền vệ Okonkwo-Baye chuyền bóng cho Tarkowski ghi bàn."[s.start:s.end], s.type)
             for s in spans}
    assert ("Tarkowski", "PER") in texts


def test_model_adds_names_from_context_but_never_retypes_the_rules() -> None:
    text = "Trong hiệp hai, Zielinski chuyền bóng cho Okafor ghi bàn ở Hà Nội."
    rules = {m.text: m.type for m in find_mentions(text) if m.type}
    found = with_model(text, find_mentions(text, singles=True))
    assert rules == {"Hà Nội": "LOC"}
    assert {m.text: m.type or m.guess for m in found}["Hà Nội"] == "LOC"
    entities = {e.name: e.type for e in extract_entities(
        Article(id="a", origin=Origin("a"), paragraphs=[text]))}
    assert entities.get("Okafor") == "PER"
    off = {e.name for e in extract_entities(Article(id="a", origin=Origin("a"),
                                                    paragraphs=[text]), use_model=False)}
    assert "Okafor" not in off


def test_lower_case_text_gives_the_model_nothing_to_add() -> None:
    text = "giá vàng hôm nay tăng nhẹ so với hôm qua."
    assert with_model(text, []) == []


def test_captions_are_read_and_indexed_after_the_sentences() -> None:
    a = Article(id="a", origin=Origin("a"), title="Hội nghị ở Hà Nội",
                paragraphs=["Các bộ trưởng họp suốt hai ngày."],
                captions=["Ngoại trưởng Pháp Jean-Yves Le Drian (trái) tại hội nghị."])
    entities, mentions = article_names(a)
    person = next(m for m in mentions if m.type == "PER")
    assert person.text == "Jean-Yves Le Drian"
    assert person.sentence == 1  # one body sentence (index 0), then caption 0
    assert a.captions[0][person.start:person.end] == person.text
    assert ("Jean-Yves Le Drian", "PER") in {(e.name, e.type) for e in entities}
