"""Who said it: an event told as a proposal, a plan, a claim, an announcement or a denial keeps
its speaker and reporting verb.

The clause that holds a date is often the content of what someone said: cut from its
sentence, "kể từ ngày 12/6, hai bên cùng tuần tra vùng biển chung" reads as a fact when the
sentence said "Chúng tôi đề nghị với phía bạn rằng, kể từ ngày 12/6, ...". When a reporting
verb before the clause governs it, the entry keeps the speaker and the verb:

>>> said = "“Chúng tôi đề nghị với phía bạn rằng, từ ngày 12/6, hai bên cùng tuần tra”."
>>> before = "Thứ trưởng Lê Minh Tâm cho biết tại cuộc họp báo chiều qua."
>>> attribute(said, said.index("từ"), "Từ ngày 12/6, hai bên cùng tuần tra", previous=before)
'Thứ trưởng Lê Minh Tâm đề nghị với phía bạn rằng từ ngày 12/6, hai bên cùng tuần tra'

Frames read, before the clause and in its sentence:

* ``<speaker> <verb> [với X] [rằng|là] [,:“] <clause>``: ``thông báo``, ``đề xuất``,
  ``bác bỏ``, ``cam kết``, ``cho biết``... (not after ``được``/``bị``: "được thông báo");
* ``Theo [thông báo|tuyên bố|...] của <speaker>, <clause>`` and ``Theo <Speaker>, <clause>``;
* a clause inside a quotation with no frame before it: ``Theo <speaker>, <clause>``, the
  speaker named after the quotation in the sentence ("”, ông Minh nói") or in the sentence
  before.

A pronoun speaker ("chúng tôi", "ông") is resolved to the speaker named in the sentence or the
one just before; else it stays, with its verb. A long speaker ("người đứng đầu Sở ... Lê Văn
Hùng") is shortened to the person (or organisation) it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.text.syllables import count_syllables
from thoisu.timeline.clauses import strip_opener

# Verbs that make what follows someone's statement, proposal, plan or denial.
_VERBS = ("thông báo|cho biết|cho hay|tuyên bố|xác nhận|khẳng định|cho rằng|nói|đề xuất|"
          "đề nghị|kiến nghị|kêu gọi|bác bỏ|phủ nhận|cáo buộc|cam kết|cảnh báo|nhấn mạnh|"
          "tiết lộ|công bố|thừa nhận|gợi ý|đe dọa|dự kiến|lên kế hoạch|dự báo|khuyến cáo|"
          "loan báo")
_VERB = re.compile(rf"(?<!\w)(?P<verb>{_VERBS})(?!\w)", re.IGNORECASE)
# Before the verb, these make it passive or a noun ("được thông báo", "đơn đề nghị", "sự cảnh
# báo"): no one is reported saying anything there.
_PASSIVE = re.compile(r"(?<!\w)(?:được|bị|đơn|văn bản|lời|việc|sự|các|những|bản|tờ trình|"
                      r"theo|về|mọi|này)\s*$", re.IGNORECASE)
# Words that open a clause only because it opened a sentence: lower-cased after a speaker.
_COMMON_OPENERS = frozenset("ngày hôm sáng chiều tối trưa đêm từ kể bắt đến tính vào trong "
                            "chúng tôi năm tháng khoảng sau trước tại hiện đây".split())
# What may stand between a verb and the content it governs: "với Mỹ rằng, “", "thông tin
# rằng".
_LINK = re.compile(r"^\s*(?:với\s+[^,;:.“”\"]{1,40}?\s*)?(?:rằng|là)?\s*[,:]?\s*[“\"]?\s*$"
                   r"|^\s*[^,;:.“”\"]{1,30}?\s+rằng\s*[,:]?\s*[“\"]?\s*$", re.IGNORECASE)
# The subject of a verb starts after the last of these before it.
# (Not "." : a sentence holds none but in abbreviations, "TP. Buôn Ma Thuột".)
_BOUND = re.compile(r"[,;:“”\"()]|\s(?:và|nhưng|còn|khi|sau khi|trong khi)\s")
# A subject that opens on a preposition ("Về kiến nghị", "theo đề nghị") or holds a date
# ("bị bắt vào tháng 6/2012 theo đề nghị") is no speaker: the verb is a noun there.
_NOT_SPEAKER = re.compile(r"(?i)^(?:về|theo|với|trong|tại|sau|trước|để|do|vì|từ|đối với|cùng|"
                          r"qua|nhằm|bởi|liên quan|bên cạnh|ngoài|như|phải|cần|nên|có thể|"
                          r"đáng|xin)\b"
                          r"|\b(?:theo|của|về|với|cho|để|từ|tại|do|bởi|đạt|vượt|không|chưa)$"
                          r"|\d+\s*[/.-]\s*\d+|\b(?:năm|tháng)\s+\d")
# "Theo thông báo của X, ..." / "Theo ông X, ..." right before the clause.
_ACCORDING = re.compile(
    r"(?:^|[,;:“\"]\s*)(?P<frame>theo\s+(?P<noun>(?:(?:thông báo|tuyên bố|báo cáo|thông tin|"
    r"công bố|xác nhận|đánh giá|kết luận|ước tính|dự báo|lời|ý kiến)\s+)?(?:của\s+)?)"
    r"(?P<who>[^,;:“”\"]{2,140}?))\s*,\s*$", re.IGNORECASE)
_TITLES = re.compile(r"^(?:ông|bà|người|đại diện|lãnh đạo|giám đốc|chủ tịch|bộ trưởng|"
                     r"thứ trưởng|phó|tổng|trưởng|phát ngôn|giới chức|quan chức|nguồn tin)\b",
                     re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:chúng tôi|chúng ta|tôi|ta|ông|bà|ông ấy|bà ấy|ông ta|bà ta|anh ấy|"
                      r"chị ấy|họ|phía chúng tôi)$", re.IGNORECASE)
_QUOTED_SPEAKER = re.compile(r"(?i)\bdẫn lời\s+")
# Auxiliaries and times between a subject and its verb: "Bộ Y tế hôm qua đã ...".
_AUX_TAIL = re.compile(r"(?:\s+(?:đã|vừa|mới|cũng|từng|đang|sẽ|hôm nay|hôm qua|chính thức))+$",
                       re.IGNORECASE)
MAX_SPEAKER = 10  # syllables; a longer speaker is shortened to the name it holds


@dataclass(frozen=True)
class Name:
    """A name written in the sentence: its text, type (PER, ORG, LOC) and offset."""

    text: str
    type: str
    start: int


@dataclass(frozen=True)
class Frame:
    """A speaker and the verb that reports what they said."""

    speaker: str
    verb: str  # "đề xuất với Mỹ rằng", "thông báo"; "" for "Theo X,"
    according: str = ""  # "Theo thông báo của " when told that way


def _short(speaker: str, offset: int, names: Sequence[Name]) -> str:
    """A speaker of at most ``MAX_SPEAKER`` syllables: the person (else the organisation) it
    names when it is longer."""
    speaker = speaker.strip()
    if count_syllables(speaker) <= MAX_SPEAKER:
        return speaker
    inside = [n for n in names if offset <= n.start < offset + len(speaker) + 1]
    for kind in ("PER", "ORG"):
        found = [n for n in inside if n.type == kind]
        if found:
            return found[-1].text
    return speaker


def _subject(prefix: str, verb_start: int) -> tuple[str, int]:
    """The subject before a verb at ``verb_start`` of ``prefix``, and where it starts."""
    before = prefix[:verb_start]
    cut = 0
    for m in _BOUND.finditer(before):
        cut = m.end()
    subject = strip_opener(before[cut:]).rstrip()
    aux = _AUX_TAIL.search(subject)
    if aux is not None:
        subject = subject[:aux.start()]
    quoted = _QUOTED_SPEAKER.search(subject)
    if quoted is not None:  # "RT dẫn lời Bộ trưởng X cho biết": X speaks
        subject = subject[quoted.end():]
    subject = subject.strip()
    at = before.find(subject, cut) if subject else cut
    return subject, max(at, cut)


def _verb_frame(prefix: str, names: Sequence[Name]) -> Frame | None:
    """The last reporting verb of ``prefix`` that governs what follows it, with its subject."""
    for m in reversed(list(_VERB.finditer(prefix))):
        if _PASSIVE.search(prefix[:m.start()]):
            continue
        if _LINK.match(prefix[m.end():]) is None:
            # The verb does not lead straight into the clause: what stands between may be
            # another clause ("Forbes cho biết công ty mà cô lập năm 2003 ..."), and read on
            # ViMs and ktlab-dev about half of such speakers were wrong. Precision first.
            return None
        subject, at = _subject(prefix, m.start())
        words = count_syllables(subject)
        if (not words or words > 20 or _NOT_SPEAKER.search(subject)
                or (subject[:1].islower() and not _PRONOUN.match(subject))):
            return None  # no subject of its own, or a clause that is no speaker
        verb = prefix[m.start():].rstrip().rstrip("“\"").rstrip().rstrip(",:").rstrip()
        return Frame(_short(subject, at, names), verb)
    return None


def _according_frame(prefix: str, names: Sequence[Name]) -> Frame | None:
    m = _ACCORDING.search(prefix)
    if m is None:
        return None
    who, noun = m.group("who").strip(), m.group("noun").strip()
    if not noun and not (who[:1].isupper() or _TITLES.match(who)):
        return None  # "Theo yêu cầu, ...", "Theo đó, ..." name no speaker
    if re.match(r"(?i)(?:yêu cầu|đề nghị|kế hoạch|quy định|đó|như|lịch)\b", who):
        return None
    head = m.group("frame")[:len(m.group("frame")) - len(m.group("who"))]
    return Frame(_short(who, m.start("who"), names), "", according=head[:1].upper() + head[1:])


def _frame(prefix: str, names: Sequence[Name]) -> Frame | None:
    return _according_frame(prefix, names) or _verb_frame(prefix, names)


def speaker_of(sentence: str, names: Sequence[Name] = ()) -> str | None:
    """Who speaks in ``sentence``: the subject of its last reporting verb (not a pronoun).

    >>> speaker_of("Phát biểu tại hội nghị, Bộ trưởng Trần Văn Nam cho biết:")
    'Bộ trưởng Trần Văn Nam'
    """
    for m in reversed(list(_VERB.finditer(sentence))):
        if _PASSIVE.search(sentence[:m.start()]) or _in_quote(sentence, m.start()):
            continue
        subject, at = _subject(sentence, m.start())
        if (subject and count_syllables(subject) <= 20 and subject[:1].isupper()
                and not _PRONOUN.match(subject) and not _NOT_SPEAKER.search(subject)):
            return _short(subject, at, names)
    return None


def _in_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _join(frame: Frame, clause: str, lower: bool) -> str:
    if lower and clause[:1].isupper():
        clause = clause[:1].lower() + clause[1:]
    speaker = frame.speaker[:1].upper() + frame.speaker[1:]
    if frame.according:
        who = frame.speaker
        if re.match(r"(?:Ông|Bà|Anh|Chị)\s", who):
            who = who[:1].lower() + who[1:]  # "Theo ông Minh", not "Theo Ông Minh"
        return f"{frame.according}{who}, {clause}"
    return f"{speaker} {frame.verb} {clause}"


def attribute(sentence: str, at: int, clause: str, names: Sequence[Name] = (),
              previous: str | None = None, previous_names: Sequence[Name] = ()) -> str:
    """``clause`` (the event text cut from ``sentence`` at offset ``at``) with the speaker and
    reporting verb that govern it, when the sentence has them before the clause; else
    unchanged. ``previous`` is the sentence before, for a pronoun or a quotation's speaker."""
    return attribution(sentence, at, clause, names, previous, previous_names).text


@dataclass(frozen=True)
class Attributed:
    """An event text with its speaker, and how it was told: ``verb`` (speaker and reporting
    verb: the kind of statement is known), ``according`` ("Theo X, ..."), ``""`` (none)."""

    text: str
    how: str = ""


def _quote_speaker(sentence: str, at: int, clause: str, names: Sequence[Name],
                   previous: str | None, previous_names: Sequence[Name]) -> str | None:
    """Who speaks a quotation holding the clause: named after it ("”, ông Minh nói") in the
    sentence, else in the sentence before."""
    close = sentence.find("”", at)
    after = sentence[close:] if close >= 0 else ""
    return (speaker_of(after, names) if after else None) or (
        speaker_of(previous, previous_names) if previous else None)


def attribution(sentence: str, at: int, clause: str, names: Sequence[Name] = (),
                previous: str | None = None, previous_names: Sequence[Name] = ()
                ) -> Attributed:
    """What :func:`attribute` makes, with how the speaker was found."""
    if not clause or clause.startswith("…"):
        return Attributed(clause)  # a window cut inside its clause: no frame leads into it
    prefix = sentence[:max(at, 0)]
    frame = _frame(prefix, names) if at > 0 else None
    head = sentence[at:].lstrip(" “\"").split(" ", 1)[0]
    lower = bool(head) and (head[:1].islower() or head.lower() in _COMMON_OPENERS)
    if frame is not None and _PRONOUN.match(frame.speaker):
        who = _quote_speaker(sentence, at, clause, names, previous, previous_names)
        if who is not None:
            frame = Frame(who, frame.verb, frame.according)
    quoted = _in_quote(sentence, at) or sentence[at:].lstrip().startswith("“")
    if frame is None and quoted and "”" not in clause.rstrip("”\" "):
        # (A clause that runs out of its quotation is no one's words: a flattened page.)
        who = _quote_speaker(sentence, at, clause, names, previous, previous_names)
        if who is None:
            return Attributed(clause)
        frame = Frame(who, "", according="Theo ")
    if frame is None:
        return Attributed(clause)
    body = clause
    if quoted or body.startswith("“"):
        body = body.strip("“”\" ")
    return Attributed(_join(frame, body, lower), "according" if frame.according else "verb")
