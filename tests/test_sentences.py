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
