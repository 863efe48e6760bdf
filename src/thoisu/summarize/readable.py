"""Whether a sentence can stand alone in a summary, or leans on the sentence before it.

A summary is read without the articles, so a chosen sentence must make sense on its own:

* **not standalone** (never chosen): a teaser or a list of headlines joined by ``;``, a
  fragment (under ``min_syllables``, a caption or credit line such as "Ảnh: ...", text that
  stops on ":" or, when the group's sentences do end with punctuation, one that does not),
  or a sentence opening in lower case (a piece cut from a longer one);
* **needs its context** (never chosen: a summary sentence must not open on what only the
  sentence before it explains): a sentence opening with a reference to something said
  before — "Điều này ...", "Lực lượng này ...", "Ông này ...", "Sau đó, ...", "Trước đó, ...",
  "Ông cho biết ..." with no name —, on a connective that answers the sentence before
  ("Tuy vậy, ...", "Tuy nhiên, ...", "Ngoài ra, ...", "Trong khi đó, ..."), or closing on a
  bare pronoun speaker (", bà nói.").

These are rules about how Vietnamese news is written, not about any corpus; the examples here
are invented.

>>> standalone("Lực lượng đầu tiên đã rời khỏi khu vực vào sáng nay.").status
'needs context'
>>> standalone("Ông cho biết đoàn sẽ ở lại thêm hai ngày.").status
'needs context'
>>> standalone("Ông Trần Văn Ba cho biết đoàn sẽ ở lại thêm hai ngày.").status
'ok'
>>> standalone("Tuy vậy, đoàn sẽ ở lại thêm hai ngày.").status
'needs context'
>>> standalone("Bão đổ bộ; hàng nghìn người sơ tán; đường sá ngập sâu").reason
'a teaser or headline list joined by ";"'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from thoisu.text.syllables import syllable_tokens

OK = "ok"
NOT_STANDALONE = "not standalone"
NEEDS_CONTEXT = "needs context"

_END = re.compile(r"[.!?…][\"”’»)\]]*\s*$")
_QUOTE_END = re.compile(r"[\"”’»]\s*$")
_CAPTION = re.compile(r"^\s*[(\[]?\s*(ảnh|video|clip|nguồn|đồ họa|infographic|xem thêm|"
                      r"tin liên quan|đọc thêm|theo|bài|tin)\s*(:|\d)", re.I)
# Openers that point back: a demonstrative or an ordinal on a short noun phrase, or a
# connective that answers the sentence before.
_DEMONSTRATIVE = re.compile(
    r"^\W*(điều|việc|vụ|chuyện|những|các|số|lực lượng|nhóm|người|ông|bà|anh|chị|cô|"
    r"đơn vị|cơ quan|nơi|khu vực|chiếc|con số|quyết định|động thái|sự việc|thông tin|"
    r"kết quả|tình trạng|hiện tượng|trường hợp|đối tượng|nghi phạm|nạn nhân|"
    r"[^\s,]+)(\s+[^\s,]+){0,2}?\s+(này|đó|ấy|nói trên|kể trên|trên đây|đầu tiên|thứ hai|"
    r"thứ ba|cuối cùng|còn lại|tiếp theo|kia)\b", re.I)
_ABOVE = re.compile(r"^\W*(vụ việc|sự việc|vụ|thông tin|trường hợp|đối tượng|những|các|số|"
                    r"con số|nhóm|lực lượng|quy định|văn bản|dự án)(\s+\S+)?\s+trên\b", re.I)
_POINTER = re.compile(r"^\W*(đây|đó|điều này|điều đó|việc này|việc đó|như vậy|vì vậy|"
                      r"vì thế|do đó|do vậy|bên cạnh đó|theo đó|sau đó|ngay sau đó|trước đó|"
                      r"thêm vào đó|không chỉ vậy|cũng theo (ông|bà|anh|chị|vị này|người này)|"
                      r"tiếp đó|khi đó|lúc đó|từ đó|qua đó|nhờ đó|trong đó|ngoài ra, (ông|bà))"
                      r"(?=[\s,.:;]|$)", re.I)
# Connectives that answer the sentence before: a summary sentence never opens on one, since
# what it answers is not there. The short ones only with their comma ("Song Hồng" is a name).
_CONNECTIVE = re.compile(r"^\W*(tuy nhiên|tuy vậy|tuy thế|dù vậy|dẫu vậy|mặc dù vậy|ngoài ra|"
                         r"mặt khác|hơn nữa|trong khi đó|cùng với đó|thế nhưng|nhưng|"
                         r"không những thế|ngược lại|"
                         r"(?:song|đồng thời|còn|vả lại|tiếp theo|cuối cùng)(?=\s*,))"
                         r"(?=[\s,.:;]|$)", re.I)
_PRONOUN_SUBJECT = re.compile(r"^\W*(ông|bà|anh|chị|cô|họ|em|nó|hắn|chúng|người này|"
                              r"ông ấy|bà ấy|anh ấy|chị ấy|cô ấy)\s+(\S+)", re.I)
_BARE_SPEAKER = re.compile(
    r"[,–—-]\s*(ông|bà|anh|chị|cô|họ|em|người này|ông ấy|bà ấy|anh ấy|chị ấy|cô ấy)\s+"
    r"(nói|cho biết|khẳng định|nhấn mạnh|chia sẻ|kể|thừa nhận|giải thích|tiết lộ|cho hay|"
    r"nhận định|bày tỏ|nêu rõ|viết|trả lời|nhớ lại|kể lại|tâm sự|bổ sung)\b[^,]*$", re.I)


# A photo or source credit glued before a sentence by a flattened page ("(Ảnh: Reuters) ...",
# "Ảnh: AFP ..."; a one-word credit without diacritics only, so that no name is cut) is not
# part of it. The rest is kept verbatim: a summary quotes its sources word for word.
_GLUED_CREDIT = re.compile(r"^\s*(?:\((?:ảnh|nguồn)\s*:[^()]{1,60}\)|(?:ảnh|nguồn)\s*:\s*"
                           r"[A-Za-z0-9][A-Za-z0-9./&-]*(?:/[A-Za-z0-9.&-]+)*)\s+(?=\S)", re.I)


def trim_opening(text: str) -> str:
    """``text`` without a credit glued before it; the rest word for word.

    >>> trim_opening("(Ảnh: TTXVN) Sáng nay, đoàn đã tới Hà Nội.")
    'Sáng nay, đoàn đã tới Hà Nội.'
    >>> trim_opening("Ảnh: Nguyễn Văn Ba đoàn đã tới Hà Nội.")
    'Ảnh: Nguyễn Văn Ba đoàn đã tới Hà Nội.'
    >>> trim_opening("Tuy nhiên, đoàn sẽ ở lại thêm hai ngày.")
    'Tuy nhiên, đoàn sẽ ở lại thêm hai ngày.'
    """
    m = _GLUED_CREDIT.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    if len(syllable_tokens(rest)) < 5 or not rest[:1].isupper():
        return text
    return rest


@dataclass(frozen=True)
class Readability:
    status: str  # ok, not standalone, needs context
    reason: str = ""


def _named(word: str) -> bool:
    return word[:1].isupper() or word[:1] in "\"“'‘«"


def _second_word(text: str) -> str:
    words = text.split()
    return words[1] if len(words) > 1 else ""


# Openings that answer the sentence before: the pattern, what else must hold (None: the
# match alone), and the reason ({0}: the opening matched, {1}, {2}: its groups).
_Check = Callable[[re.Match[str], str], bool]
_OPENERS: tuple[tuple[re.Pattern[str], _Check | None, str], ...] = (
    (_CONNECTIVE, None, 'opens on "{1}", a connective that answers the sentence before'),
    (_POINTER, None, 'opens on "{1}", which answers the sentence before'),
    (_PRONOUN_SUBJECT, lambda found, _text: not _named(found.group(2)),
     '"{1}" with no name: who is meant is in the sentence before'),
    (_ABOVE, None, '"{0}" refers to something told before'),
    (_DEMONSTRATIVE, lambda _found, text: not _named(_second_word(text)),
     '"{0}" refers to something told before'),
)


def standalone(text: str, min_syllables: int = 5, punctuated: bool = True,
               syllables: int | None = None) -> Readability:
    """Can ``text`` open a summary, or go anywhere in one, without the article around it?

    ``punctuated``: whether the group's sentences usually end with punctuation; if they do
    not (text from a source that drops it), a missing full stop is no sign of a fragment.
    ``syllables``: the sentence's syllable count, when the caller has it already.
    """
    text = text.strip()
    if syllables is None:
        syllables = len(syllable_tokens(text))
    if syllables < min_syllables:
        return Readability(NOT_STANDALONE, f"a fragment ({syllables} syllables)")
    if text.count(";") >= 1:
        parts = [len(syllable_tokens(p)) for p in text.split(";")]
        pieces = [p.strip() for p in text.split(";")]
        # Headlines joined: short pieces, or every piece after the first opening on a capital
        # (inside one sentence the clause after ";" goes on in lower case).
        capitals = all(p[:1].isupper() for p in pieces[1:] if p)
        short = max(parts) <= 15 and (len(parts) >= 3 or not _END.search(text))
        if len(parts) >= 2 and not _END.search(pieces[0]) and (short or capitals):
            return Readability(NOT_STANDALONE, 'a teaser or headline list joined by ";"')
    if _CAPTION.match(text):
        return Readability(NOT_STANDALONE, "a caption or credit line")
    first = text.lstrip("\"“‘'«(–—- ")
    if first[:1].islower():
        return Readability(NOT_STANDALONE, "opens in lower case: a piece of a longer sentence")
    if text.rstrip().endswith(":"):
        return Readability(NOT_STANDALONE, 'stops on ":" (what it announces follows)')
    if punctuated and not (_END.search(text) or _QUOTE_END.search(text)):
        return Readability(NOT_STANDALONE, "no sentence end: a heading or a fragment")
    for pattern, counts, reason in _OPENERS:
        found = pattern.match(text)
        if found and (counts is None or counts(found, text)):
            return Readability(NEEDS_CONTEXT, reason.format(found.group(0).strip(),
                                                            *found.groups()))
    if _BARE_SPEAKER.search(text.rstrip(" .!?\"”")):
        return Readability(NEEDS_CONTEXT, "the speaker is a bare pronoun: named in the "
                           "sentence before")
    return Readability(OK)
