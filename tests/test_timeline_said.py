"""Who said what (#20): a proposal, plan, claim or denial keeps its speaker and verb; a pronoun
speaker is resolved to the one named in the sentence or the one before; facts stay facts.

Invented sentences in the style of the news; the articles go through the analysis, as the
story stages require."""

from __future__ import annotations

from thoisu.analyse import analyse_article
from thoisu.model import Article, Origin, PartialDate
from thoisu.settings import Settings
from thoisu.timeline import build_timeline
from thoisu.timeline.attribution import attribute, speaker_of

D = PartialDate
S = Settings(segmenter="syllable")


def analysed(id: str, text: str, published: PartialDate) -> Article:
    a = Article(id=id, origin=Origin(f"{id}.txt"), title=f"Bài {id}",
                paragraphs=[p for p in text.split("\n") if p], published=published)
    return analyse_article(a, S)


def entries(*articles: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in build_timeline(list(articles)):
        out.setdefault(e.date.iso(), []).append(e.text)
    return out


PROPOSAL = (
    "Phát biểu tại cuộc họp báo chiều qua, Thứ trưởng Ngoại giao Lê Minh Tâm cho biết hai bên "
    "đã đạt được nhiều đồng thuận về hợp tác trên biển.\n"
    "“Chúng tôi đề nghị với phía bạn rằng, kể từ ngày 12/6, tàu kiểm ngư của hai nước cùng "
    "tuần tra chung vùng biển giáp ranh, đồng thời chia sẻ thông tin về các tàu cá vi phạm "
    "và phối hợp cứu hộ khi có bão”.")


def test_a_proposal_keeps_its_speaker_resolved_from_the_sentence_before() -> None:
    [text] = entries(analysed("a", PROPOSAL, D(2024, 6, 5)))["2024-06-12"]
    assert "Lê Minh Tâm đề nghị với phía bạn rằng" in text, text
    assert "chúng tôi" not in text.lower()[:40]  # the pronoun is replaced by its speaker


def test_a_pronoun_with_no_speaker_in_view_keeps_the_clause_with_its_verb() -> None:
    text = PROPOSAL.split("\n")[1]
    [entry] = entries(analysed("b", text, D(2024, 6, 5)))["2024-06-12"]
    assert entry.startswith("Chúng tôi đề nghị với phía bạn rằng"), entry


def test_an_announcement_names_who_announced_it() -> None:
    text = ("Theo thông báo của người phát ngôn Bộ Chỉ huy Bộ đội Biên phòng tỉnh ven biển là "
            "Đại tá Nguyễn Văn Hải, tính đến ngày 3/9, lực lượng cứu hộ đã tìm thấy toàn bộ 12 "
            "thuyền viên mất tích trên vùng biển phía nam đảo và đưa họ về đất liền an toàn.")
    [entry] = entries(analysed("c", text, D(2024, 9, 4)))["2024-09-03"]
    assert entry.startswith("Theo thông báo của") and "Nguyễn Văn Hải" in entry, entry
    assert len(entry.split()) < len(text.split())  # the long title is shortened to the name


def test_a_denial_and_a_plan_keep_their_verbs() -> None:
    text = ("Đại diện công ty xe khách Phương Bắc bác bỏ thông tin rằng, từ ngày 5/8, hãng sẽ "
            "ngừng toàn bộ các chuyến xe đêm trên tuyến Hà Nội - Lào Cai vì thiếu tài xế và giá "
            "nhiên liệu tăng cao trong nhiều tháng liền.")
    [entry] = entries(analysed("d", text, D(2024, 8, 1)))["2024-08-05"]
    assert entry.startswith("Đại diện công ty xe khách Phương Bắc bác bỏ thông tin rằng"), entry


def test_a_fact_stays_a_fact_and_a_plan_named_by_its_noun_is_not_a_speaker() -> None:
    text = ("Theo kế hoạch, ngày 10/5, tuyến xe buýt điện đầu tiên của thành phố bắt đầu chở "
            "khách từ bến xe trung tâm ra sân bay với giá vé 15.000 đồng một lượt cho mỗi "
            "hành khách đi trong giờ cao điểm buổi sáng.\n"
            "Sáng 2/5, cầu Bến Đá chính thức thông xe sau hai năm thi công.")
    got = entries(analysed("e", text, D(2024, 5, 3)))
    assert got["2024-05-02"] == ["Sáng 2/5, cầu Bến Đá chính thức thông xe sau hai năm thi công"]
    assert not got.get("2024-05-10", [""])[0].startswith("Theo kế hoạch của")


def test_one_speaker_saying_two_things_on_one_day_gives_two_entries() -> None:
    text = ("Sở Y tế cho biết, ngày 4/4, bệnh viện tỉnh đã tiếp nhận thêm 20 ca sốt xuất huyết "
            "mới, phần lớn là trẻ em ở các xã ven sông, nâng tổng số ca bệnh từ đầu năm lên hơn "
            "300 ca.\n"
            "Sở Y tế cho biết, ngày 4/4, đoàn công tác của tỉnh đã về kiểm tra việc phun thuốc "
            "diệt muỗi ở các trường học, chợ và khu dân cư đông đúc của thị xã.")
    got = entries(analysed("f", text, D(2024, 4, 5)))["2024-04-04"]
    assert len(got) == 2, got


def test_speaker_of_skips_pronouns_quotes_and_passives() -> None:
    assert speaker_of("Ông ấy nói rằng mọi việc đã xong.") is None
    assert speaker_of("Kết quả được thông báo vào buổi chiều.") is None
    assert speaker_of("“Chúng tôi sẽ cho biết sau”, Giám đốc Sở Trần Hòa nói.") == (
        "Giám đốc Sở Trần Hòa")


def test_a_quotation_is_told_according_to_its_speaker_named_after_it() -> None:
    sentence = "“Từ ngày 1/7, mọi chuyến phà sẽ bán vé điện tử”, Giám đốc cảng Trần Hòa nói."
    text = attribute(sentence, 1, "Từ ngày 1/7, mọi chuyến phà sẽ bán vé điện tử")
    assert text == "Theo Giám đốc cảng Trần Hòa, từ ngày 1/7, mọi chuyến phà sẽ bán vé điện tử"
