import pytest

from thoisu.text.sentences import article_sentences, sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TS. Lê Văn An đến TP.HCM hôm 28/3. Ông nói sẽ quay lại.",
         ["TS. Lê Văn An đến TP.HCM hôm 28/3.", "Ông nói sẽ quay lại."]),
        # "ông" is a word, not an abbreviation: a sentence may end on it
        ("Tôi cảm ơn ông. Ông ấy đã về.", ["Tôi cảm ơn ông.", "Ông ấy đã về."]),
        ("Chợ bán rau, thịt, cá, v.v. Sau đó chúng tôi về.",
         ["Chợ bán rau, thịt, cá, v.v.", "Sau đó chúng tôi về."]),
        ("Mua rau, cá, v.v. rồi về.", ["Mua rau, cá, v.v. rồi về."]),
        ("VOV.VN - Hơn 1.000 người dự. Có 12.000 vé bán ra.",
         ["VOV.VN - Hơn 1.000 người dự.", "Có 12.000 vé bán ra."]),
        ("Ngày 28.3.2016, ông V. Putin phát biểu. Sau đó ông rời đi.",
         ["Ngày 28.3.2016, ông V. Putin phát biểu.", "Sau đó ông rời đi."]),
        # a quotation is not cut: a summary must never carry half of one
        ("Ông nói: “Mọi việc ổn. Chúng tôi sẽ tiếp tục.” Sau đó ông đi.",
         ["Ông nói: “Mọi việc ổn. Chúng tôi sẽ tiếp tục.”", "Sau đó ông đi."]),
        ('Bà nói: "Tốt. Rất tốt." Rồi bà đi. Ông đến.',
         ['Bà nói: "Tốt. Rất tốt."', "Rồi bà đi.", "Ông đến."]),
        # a quotation left open on the line does not swallow the rest of it
        ("Ông nói: “Mọi việc ổn. Chúng tôi về.", ["Ông nói: “Mọi việc ổn.", "Chúng tôi về."]),
        ("“Không có gì cả!” – ông trả lời.", ["“Không có gì cả!” – ông trả lời."]),
        ("Số liệu (theo TTXVN. Ảnh minh họa) rất đáng chú ý. Hôm nay trời mưa.",
         ["Số liệu (theo TTXVN. Ảnh minh họa) rất đáng chú ý.", "Hôm nay trời mưa."]),
        ("Năm 2014 có 40% lãnh thổ. 7 vòng đàm phán đã qua.",
         ["Năm 2014 có 40% lãnh thổ.", "7 vòng đàm phán đã qua."]),
        ("Kết thúc bài./. Tiếp theo... Thật sao? Đúng!",
         ["Kết thúc bài./.", "Tiếp theo...", "Thật sao?", "Đúng!"]),
        ("Không có dấu chấm cuối", ["Không có dấu chấm cuối"]),
        ("", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_line_breaks_end_sentences_and_spans_point_into_text() -> None:
    text = "Dòng một không chấm\n  Dòng hai. Câu ba."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Dòng một không chấm", "Dòng hai.", "Câu ba."]


def test_article_sentences_number_lead_and_paragraphs() -> None:
    sents = article_sentences("Mở đầu. Câu hai.", ["Thân bài.", "Đoạn ba một. Đoạn ba hai."])
    assert [(s.index, s.paragraph) for s in sents] == [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2)]
    assert sents[4].text == "Đoạn ba hai."


def test_a_stray_quote_does_not_swallow_a_long_flattened_paragraph() -> None:
    # A crawl that flattens a page into one line, with one quote that never closes near it.
    body = "Ông Bình nói: “Mưa to. " + " ".join(
        f"Câu số {k} kể về phiên chợ {k % 7} ở xã Tân Lập." for k in range(2000)) + " Hết”."
    sentences = split_sentences(body)
    assert len(sentences) >= 1990
    assert "Câu số 1500 kể về phiên chợ 2 ở xã Tân Lập." in sentences


def test_an_unclosed_bracket_does_not_hold_the_rest_of_the_line() -> None:
    text = "Giá tăng (theo số liệu quý 3. " + "Câu tiếp theo ở đây. " * 50
    assert len(split_sentences(text)) >= 50


def test_nested_quotes_keep_the_outer_quotation_whole() -> None:
    text = "Bà nói: “Tờ giấy ghi chữ “bom” được tìm thấy. Máy bay hạ cánh.” Sau đó bà đi."
    assert split_sentences(text) == [
        "Bà nói: “Tờ giấy ghi chữ “bom” được tìm thấy. Máy bay hạ cánh.”", "Sau đó bà đi."]


# -- fuzzing (issue 16): any text, never raise, never lose a character, spans in order --------
_PIECES = ["Ông An", " ", ". ", "! ", "? ", "… ", "“", "”", '"', "(", ")", "[", "]", "TP.", "TS.",
           "V.", "1.000", "28.3.2016", "\n", "./.", "bà ", "nói", "Hà Nội", ", ", " – ", "x", "Ư",
           "\t", "\u00a0", "..."]


def _check_spans(text: str) -> None:
    spans = sentence_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end].strip()
        last = end
    kept = "".join(text[s:e] for s, e in spans)
    # every non-space character lands in exactly one sentence, in order
    assert "".join(kept.split()) == "".join(text.split())


def _fuzz(max_examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    texts = st.one_of(st.text(max_size=400),
                      st.lists(st.sampled_from(_PIECES), max_size=200).map("".join))

    @settings(max_examples=max_examples, deadline=2000,
              suppress_health_check=[HealthCheck.too_slow])
    @given(texts)
    def run(text: str) -> None:
        _check_spans(text)
        assert split_sentences(text) == [text[s:e].strip() for s, e in sentence_spans(text)]

    run()


def test_fuzz_splitter_small_budget() -> None:
    _fuzz(200)


@pytest.mark.slow
def test_fuzz_splitter_large_budget() -> None:
    _fuzz(5000)
