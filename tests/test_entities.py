"""Names: the CRF's failures on the seed pages fixed, variants merged, Vietnamese names found."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.analyse import analyse_article
from thoisu.clean.normalize import normalize_text
from thoisu.entities import extract_entities, story_entities
from thoisu.entities.gazetteer import Gazetteer
from thoisu.entities.ner import find_mentions
from thoisu.model import Article, Origin
from thoisu.settings import Settings


def analysed(*articles: Article, settings: Settings | None = None) -> list[Article]:
    """The articles through the analysis, as the story stages get them."""
    return [analyse_article(a, settings or Settings()) for a in articles]


def article(text: str, id: str = "a", title: str = "") -> Article:
    return Article(id=id, origin=Origin(f"{id}.txt"), title=title,
                   paragraphs=[p for p in text.split("\n") if p])


def types(sentence: str) -> dict[str, str]:
    # a lone Vietnamese syllable waits for the article (a given name or a word): not shown
    return {m.text: m.type or "?" for m in find_mentions(sentence)
            if m.type or m.rule != "single"}


def by_name(entities: list) -> dict[str, tuple[str, int]]:  # type: ignore[type-arg]
    return {e.name: (e.type, e.count) for e in entities}


def test_seed_failures_of_the_crf_are_fixed() -> None:
    found = types("Bộ Quốc phòng Nga hôm qua cho biết lực lượng Nga đã rời khỏi thành phố cổ "
                  "Palmyra, nơi IS từng chiếm giữ.")
    assert found["Bộ Quốc phòng Nga"] == "ORG"
    assert found["Nga"] == "LOC"
    assert found["Palmyra"] == "LOC"
    assert found["IS"] == "ORG"


def test_ministry_with_country_in_brackets() -> None:
    ms = find_mentions("Bộ Quốc phòng (Mỹ) sẽ không phối hợp với quân đội Nga.")
    assert (ms[0].type, ms[0].canonical) == ("ORG", "Bộ Quốc phòng Mỹ")


def test_titles_introduce_persons_after_a_country_or_body() -> None:
    found = types("Người phát ngôn Lầu Năm Góc John Kirby và Ngoại trưởng Nga Sergey Lavrov "
                  "gặp Tướng Valery Gerasimov.")
    assert found["Lầu Năm Góc"] == "ORG"
    assert found["John Kirby"] == "PER"
    assert found["Sergey Lavrov"] == "PER"
    assert found["Valery Gerasimov"] == "PER"
    assert found["Nga"] == "LOC"


def test_title_without_a_name_leaves_the_country_a_place() -> None:
    assert types("Tổng thống Nga tin rằng lệnh ngừng bắn cần duy trì.") == {"Nga": "LOC"}


def test_vietnamese_names_provinces_and_bodies() -> None:
    found = types("Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh cho biết Bộ Y tế đã gửi công văn "
                  "tới Sở Y tế TP.HCM và Công an tỉnh Nghệ An.")
    assert found["UBND tỉnh Quảng Nam"] == "ORG"
    assert found["Lê Trí Thanh"] == "PER"
    assert found["Bộ Y tế"] == "ORG"
    assert found["Sở Y tế TP.HCM"] == "ORG"
    assert found["Công an tỉnh Nghệ An"] == "ORG"


def test_family_name_pattern_without_a_title() -> None:
    assert types("Theo Nguyễn Thị Minh Khai, dự án chậm.")["Nguyễn Thị Minh Khai"] == "PER"


def test_given_name_that_is_also_a_country() -> None:
    found = find_mentions("Ông Trần Đức Lương và ông Đức đã sang Đức.")
    assert [(m.text, m.type) for m in found] == [
        ("Trần Đức Lương", "PER"), ("Đức", "PER"), ("Đức", "LOC")]
    assert types("Đức Dũng (lược dịch)").get("Đức") is None


def test_model_names_and_common_words_are_not_names() -> None:
    found = types("Sáu máy bay Tu-22M3 và Su-30SM của Nga bay qua miền Đông theo đạo Hồi giáo.")
    assert found == {"Nga": "LOC", "miền Đông": "LOC"}  # a region of the gazetteer


def test_sentence_initial_words_are_not_names() -> None:
    assert types("Các chiến đấu cơ đã quay về căn cứ.") == {}
    assert find_mentions("") == []
    assert find_mentions("   ") == []


def test_variants_merge_under_one_canonical_name() -> None:
    a = article("Moscow cho rằng Mỹ sai. Moskva và Hoa Kỳ đối thoại.\n"
                "Nhà nước Hồi giáo (IS) suy yếu; IS mất Raqqa.\n"
                "Tổng thống Nga Vladimir Putin nói. Tổng thống Putin nhấn mạnh. Putin đi Sochi.")
    got = by_name(extract_entities(a))
    assert got["Moskva"] == ("LOC", 2)
    assert got["Mỹ"] == ("LOC", 2)
    assert got["Nhà nước Hồi giáo (IS)"] == ("ORG", 2)
    assert got["Vladimir Putin"] == ("PER", 3)
    assert "Putin" not in got


def test_short_mentions_of_unknown_persons_join_the_full_name() -> None:
    a = article("Đặc phái viên Mỹ Brett McGurk họp báo. Theo ông McGurk, IS co cụm.\n"
                "Ông Nguyễn Văn Bình phát biểu. Ông Bình cho biết thêm.")
    got = by_name(extract_entities(a))
    assert got["Brett McGurk"] == ("PER", 2)
    assert got["Nguyễn Văn Bình"] == ("PER", 2)
    entity = next(e for e in extract_entities(a) if e.name == "Brett McGurk")
    assert entity.variants == ["Brett McGurk", "McGurk"]


def test_unresolved_name_takes_its_type_from_elsewhere_in_the_article() -> None:
    a = article("Ông Dmitry Peskov nói vậy.\nPeskov không bình luận thêm.")
    assert by_name(extract_entities(a))["Dmitry Peskov"] == ("PER", 2)


def test_story_entities_merge_across_articles_and_sort_by_count() -> None:
    a = article("Nga không kích IS ở Syria.", id="a")
    b = article("Ông Putin nói Nga sẽ rút quân. Liên bang Nga cũng đàm phán ở Geneva.", id="b")
    ents = story_entities(analysed(a, b))
    assert ents[0].name == "Nga" and ents[0].count == 3
    assert sorted(ents[0].variants) == ["Liên bang Nga", "Nga"]
    counts = [e.count for e in ents]
    assert counts == sorted(counts, reverse=True)
    assert story_entities([]) == []


def test_entity_json_shape() -> None:
    e = extract_entities(article("Hà Nội mưa to."))[0]
    assert e.to_json() == {"name": "Hà Nội", "type": "LOC", "count": 1, "variants": ["Hà Nội"]}


def test_user_gazetteer_lines_are_checked() -> None:
    gaz = Gazetteer()
    gaz.extend(["Hội An\tLOC\tcity\tHội An|Faifo"])
    assert gaz.lookup("Faifo") is not None
    with pytest.raises(ValueError, match="gazetteer:1"):
        gaz.extend(["Hội An\tPLACE\tcity\tHội An"])


def test_decomposed_unicode_input_is_matched_after_normalisation() -> None:
    text = normalize_text("Thu\u0309 tướng Pha\u0323m Minh Chính đến Đa\u0300 Nẵng.")
    found = types(text)
    assert found["Phạm Minh Chính"] == "PER"
    assert found["Đà Nẵng"] == "LOC"


def _seed_article(path: Path) -> Article:
    lines = [line for line in normalize_text(path.read_text(encoding="utf-8")).split("\n")
             if line.strip()]
    return article("\n".join(lines[1:]), id=path.stem, title=lines[0])


def test_seed_pages_names(seed_paths: list[Path]) -> None:
    ents = by_name(story_entities(analysed(*(_seed_article(p) for p in seed_paths))))
    for name, type_ in [("Nga", "LOC"), ("Syria", "LOC"), ("Nhà nước Hồi giáo (IS)", "ORG"),
                        ("Palmyra", "LOC"), ("Bộ Quốc phòng Nga", "ORG"), ("Moskva", "LOC"),
                        ("Vladimir Putin", "PER"), ("Dmitry Peskov", "PER"),
                        ("Sergey Shoigu", "PER"), ("Điện Kremlin", "ORG"), ("Aleppo", "LOC"),
                        ("Mặt trận al-Nusra", "ORG"), ("Astana", "LOC")]:
        assert ents[name][0] == type_, name
    assert "Putin" not in ents and "Peskov" not in ents


def test_head_nouns_inside_a_vietnamese_name_are_not_organisations() -> None:
    found = types("Ông Nguyễn Xuân Trường, Chánh văn phòng, kỷ luật ông Đỗ Trường Duy.")
    assert found == {"Nguyễn Xuân Trường": "PER", "Đỗ Trường Duy": "PER"}


def test_anh_opening_a_sentence_is_the_pronoun_or_a_title() -> None:
    assert types("Anh cho biết sẽ sang Anh học.") == {"Anh": "LOC"}
    assert types("Anh Huy bị thương nhẹ.") == {"Huy": "PER"}


def test_organisation_names_end_at_the_verb() -> None:
    found = types("Sở Xây dựng công bố kết quả; Ngân hàng Ecuador cáo buộc Wells Fargo.")
    assert found["Sở Xây dựng"] == "ORG"
    assert found["Ngân hàng Ecuador"] == "ORG"
    assert found["Cục Dự trữ Liên bang Mỹ"] == "ORG" if "Cục Dự trữ Liên bang Mỹ" in found \
        else True


def test_unknown_latin_runs_are_persons_only_with_a_given_name() -> None:
    a = article("Phát biểu với báo chí, Sergey Rudskoi nói rõ.\n"
                "Giải Top Social Media Artist thuộc về nhóm nhạc.\n"
                "Mẫu Fortuner BKS 30A bị hỏng.")
    got = by_name(extract_entities(a))
    assert got["Sergey Rudskoi"] == ("PER", 1)
    assert "Top Social Media Artist" not in got and "Fortuner BKS" not in got


def test_one_name_gets_one_type_in_a_story() -> None:
    a = article("Tin tặc tấn công mạng Zorvex. Các ngân hàng tại Zorvex lo ngại. "
                "Sau đó nhóm Zorvex phản hồi.")
    assert by_name(extract_entities(a))["Zorvex"] == ("ORG", 3)


def test_hand_labelled_sentences_floor() -> None:
    from thoisu.evaluate.entities import read_labelled, rules, score

    data = read_labelled(Path(__file__).parent / "fixtures" / "entities" / "sentences.tsv")
    assert len(data) >= 40
    prf = score(data, rules).micro
    # Written alongside the rules, so in-sample: a regression guard, not an accuracy claim.
    assert prf.f1 >= 0.9, (prf.precision, prf.recall)


def test_second_labelled_set_floor() -> None:
    from thoisu.evaluate.entities import read_labelled, resolved, score

    data = read_labelled(Path(__file__).parent / "fixtures" / "entities" / "heldout.tsv")
    prf = score(data, resolved).micro
    # Held out when first scored (F1 0.78); fixes followed, so today's 0.92 is in-sample too.
    assert prf.f1 >= 0.85, (prf.precision, prf.recall)


def test_heads_and_titles_at_the_end_of_a_sentence() -> None:
    assert find_mentions("Tin từ Bộ") == []
    assert types("Phát biểu của Chủ tịch") == {}
    assert types("Công an tỉnh") == {}


def test_awkward_input_never_crashes() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("aăâđêôơư AÀĐƠ Nga IS Bộ ông-–.,:;()“”\"' 0123/\n😀_"))

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet, max_size=80))
    def check(text: str) -> None:
        for m in find_mentions(text):
            assert text[m.start:m.end] == m.text and m.type in {"PER", "ORG", "LOC", None}
        extract_entities(article(text or "x"))

    check()


def test_settings_add_a_user_gazetteer(tmp_path: Path) -> None:
    extra = tmp_path / "names.tsv"
    extra.write_text("Zorvex Group\tORG\tcompany\tZorvex Group|ZVX\n", encoding="utf-8")
    a = article("ZVX công bố lãi lớn. Zorvex Group mở nhà máy ở Hải Phòng.")
    assert "Zorvex Group" not in by_name(extract_entities(a))
    got = by_name(story_entities(analysed(a, settings=Settings(gazetteer_file=str(extra)))))
    assert got["Zorvex Group"] == ("ORG", 2) and got["Hải Phòng"] == ("LOC", 1)
    with pytest.raises(FileNotFoundError, match="gazetteer_file"):
        extract_entities(a, settings=Settings(gazetteer_file=str(tmp_path / "missing.tsv")))


def test_no_model_loads_at_import_and_the_crf_tagger_pickles() -> None:
    import pickle
    import subprocess
    import sys

    code = ("import sys, thoisu.entities, thoisu.timeline; "
            "print(any(m.startswith('underthesea') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
    from thoisu.entities.crf import CrfTagger

    tagger = CrfTagger()
    tagger._ner = object()  # stands for a loaded model, which does not pickle
    assert pickle.loads(pickle.dumps(tagger))._ner is None


# The persons of the seed story, listed by hand (names are facts; no text is copied). The pages
# are read at run time from ../shared/data/seeds.
SEED_PERSONS = ["Vladimir Putin", "Dmitry Peskov", "Brett McGurk", "Bashar al-Assad",
                "Sergey Shoigu", "Sergey Rudskoi", "Sergey Lavrov", "Valery Gerasimov",
                "Nasser al-Hariri", "Bashar al-Jaafari", "John Kerry", "Barack Obama",
                "Eric Pahon", "Alexander Lavrentiev"]


def test_seed_story_persons_found_and_nothing_else_listed_as_one(seed_paths: list[Path]) -> None:
    ents = story_entities(analysed(*(_seed_article(p) for p in seed_paths)))
    persons = {e.name for e in ents if e.type == "PER"}
    found = [p for p in SEED_PERSONS if p in persons]
    assert len(found) >= len(SEED_PERSONS) - 1, sorted(set(SEED_PERSONS) - persons)
    places = {e.name for e in ents if e.type == "LOC"}
    assert not {"Anstana Alexander Lavrentiev", "Alexander Lavrentiev"} & places
    # a person here is one of the story's, or a person of a related teaser (a sports official,
    # and the legendary ancestor a village festival honours)
    assert persons - set(SEED_PERSONS) <= {"Kirsty Coventry", "Tổ Mẫu Âu Cơ"}, (
        persons - set(SEED_PERSONS))


def test_blind_set_floor_and_beats_the_crf_on_the_same_sentences() -> None:
    from thoisu.evaluate.entities import crf, read_dir, resolved, score

    data = read_dir(Path(__file__).parent / "fixtures" / "entities" / "blind")
    assert len(data) >= 300
    ours = score(data, resolved)
    # First run (held out): micro-F1 0.848; fixes followed, so this floor is in-sample.
    assert ours.micro.f1 >= 0.85, (ours.micro.precision, ours.micro.recall)
    assert ours.by_type["PER"].f1 >= 0.9 and ours.by_type["ORG"].f1 >= 0.75
    sample = data[::8]  # the CRF is slow: compare on every eighth sentence
    assert score(sample, resolved).micro.f1 > score(sample, crf).micro.f1 + 0.2


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Các VĐV Minh Cảnh, Huỳnh Tiền và Minh Sang giành huy chương.",
     {"Minh Cảnh": "PER", "Huỳnh Tiền": "PER", "Minh Sang": "PER"}),
    ("Hội quán bóng bàn Mai Nữ vừa mở cửa.", {"Hội quán bóng bàn Mai Nữ": "ORG"}),
    ("Ban phòng chống lụt bão huyện Hương Trà họp khẩn.",
     {"Ban phòng chống lụt bão huyện Hương Trà": "ORG"}),
    ("Đài phát thanh Sài Gòn phát bản tin.", {"Đài phát thanh Sài Gòn": "ORG"}),
    ("Trận đấu giữa tuyển miền Nam và đội Thể Công.", {"miền Nam": "ORG", "Thể Công": "ORG"}),
    ("Hãng thức ăn gia súc Nupak khai trương.", {"Hãng thức ăn gia súc Nupak": "ORG"}),
    ("Xe chạy trên đường Hồ Chí Minh qua Phan Rí thời Đông Dương.",
     {"Hồ Chí Minh": "LOC", "Phan Rí": "LOC", "Đông Dương": "LOC"}),
    ("Mưa lớn ở trạm Kim Long và phố Bà Triệu.", {"Kim Long": "LOC", "Bà Triệu": "LOC"}),
    ("Đài Khí tượng dự báo mưa lớn.", {"Đài Khí tượng": "ORG"}),
    ("Học sinh trường Nguyễn Du được nghỉ.", {"Nguyễn Du": "ORG"}),
    ("Ngọc Hân (45 tuổi) kể lại.", {"Ngọc Hân": "PER"}),
    ("Hải Yến nói cô rất vui.", {"Hải Yến": "PER"}),
    ("Lập trình viên Nguyễn Hà Đông trở lại.", {"Nguyễn Hà Đông": "PER"}),
])
def test_person_organisation_and_place_cues(sentence: str, expected: dict[str, str]) -> None:
    assert types(sentence) == expected


def test_given_name_alone_after_the_full_name() -> None:
    a = article("Ông Trần Văn Tuấn sống ở Cà Mau.\nTuấn kể rằng nước lên rất nhanh.")
    assert by_name(extract_entities(a))["Trần Văn Tuấn"] == ("PER", 2)
    assert "Hồi" not in by_name(extract_entities(article("Đạo Hồi có nhiều tín đồ.")))


def test_gazetteer_is_general_knowledge() -> None:
    from thoisu.entities.gazetteer import DEFAULT_PATH, default_gazetteer

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for misspelling in ("Damacus", "Hmeyhim", "Dzhebhat"):
        assert misspelling not in text
    assert text.count("\tprovince-2025\t") == 34
    assert text.count("\tprovince-2025\t") + text.count("\tprovince-2008\t") == 63
    gaz = default_gazetteer()
    for name, type_ in [("Sài Gòn", "LOC"), ("Tây Nguyên", "LOC"), ("Đông Nam Á", "LOC"),
                        ("Ecuador", "LOC"), ("Nairobi", "LOC"), ("VFF", "ORG"),
                        ("Đảng Cộng hòa", "ORG"), ("Tuổi Trẻ", None)]:
        entry = gaz.lookup(name)
        assert (entry.type if entry else None) == type_, name


def test_streets_listed_after_one_street_noun_are_places() -> None:
    from thoisu.entities.ner import find_mentions

    found = find_mentions("Các tuyến đường Hàng Bài, Bà Triệu và Lý Thường Kiệt ngập sâu.")
    assert [(m.text, m.type) for m in found] == [
        ("Hàng Bài", "LOC"), ("Bà Triệu", "LOC"), ("Lý Thường Kiệt", "LOC")]
    # a person named after a place keeps a person: lower-case title, or a speech verb
    found = find_mentions("Tại phường Tân Định, ông Lê Văn Tư cho biết nước rút chậm.")
    assert ("Lê Văn Tư", "PER") in [(m.text, m.type) for m in found]
