"""Names in a sentence: gazetteer first, then cue rules, then (optionally) underthesea's CRF.

The packaged CRF tags ``Nga``, ``IS`` and ``Palmyra`` as persons and misses ``Bộ Quốc phòng
Nga``; rules over syllable tokens do better on news text and run in well under a millisecond:

1. known names (:mod:`thoisu.entities.gazetteer`), longest first; a ministry or state body
   followed by a country becomes one organisation: ``Bộ Quốc phòng Nga``;
2. a title introduces a person, possibly after a country or a body:
   ``Thủ tướng Nhật Bản Fumio Kishida``, ``Người phát ngôn Bộ Ngoại giao Mỹ John Kirby``;
3. a head noun builds an organisation: ``UBND tỉnh Quảng Nam``, ``Sở Y tế TP.HCM``;
4. a run of capitalised syllables is a person when it starts with a Vietnamese family name
   (``Lê Trí Thanh``), a place after a place noun or preposition (``tỉnh``, ``ở``), an
   organisation after ``hãng``, ``nhóm``...; otherwise it stays unresolved for the article-level
   pass (:func:`thoisu.entities.canonical.resolve`).

>>> found = find_mentions("Bộ Ngoại giao Pháp ngày 28/3 cho biết WHO sẽ họp tại Geneva.")
>>> [(m.text, m.type) for m in found]
[('Bộ Ngoại giao Pháp', 'ORG'), ('WHO', 'ORG'), ('Geneva', 'LOC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from thoisu.entities.cues import (
    AMBIGUOUS_NAMES,
    ENGLISH_WORDS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    NAME_PARTICLES,
    NOT_NAMES,
    OPENING_TITLES,
    ORG_CONTINUATION,
    ORG_DESCRIPTOR_MAX,
    ORG_HEADS,
    ORG_NOUNS,
    PERSON_TITLES,
    PLACE_ADJECTIVES,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    SENTENCE_WORDS,
    SPEECH_VERBS,
    STOP_BIGRAMS,
    SURNAMES,
    TEAM_NOUNS,
)
from thoisu.entities.gazetteer import Entry, Gazetteer, Token, default_gazetteer, tokenize

COMPOSING_KINDS = frozenset({"ministry", "state"})
COUNTRY_KINDS = frozenset({"country"})
ADMIN_NOUNS = frozenset({"tỉnh", "thành phố", "TP", "huyện", "quận", "thị xã", "xã", "phường",
                         "Tỉnh", "Thành phố"})
PRONOUN_TITLES = frozenset({"ông", "bà", "anh", "chị", "cụ", "Ông", "Bà", "Anh", "Chị", "Cụ"})
# One Vietnamese syllable: onset, vowels, coda ("trung", "nguyễn"); "ecuador" is not one.
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                       r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụ"
                       r"ừứửữựỳýỷỹỵ]{1,3}(?:ng|nh|ch|[cmnpt])?$")
_HEAD_MODIFIERS = frozenset({"nhân", "dân", "tối", "cao", "trung", "ương", "quốc", "gia", "cổ",
                             "phần", "TNHH", "MTV", "CP"})
_OPENING = frozenset('"“‘«([:–-.!?;,…')
# After a comma a capital starts a name, not a sentence: "..., Xuân Trường và Tuấn Anh".
_SENTENCE_OPENING = _OPENING - {",", ";"}


@dataclass(frozen=True)
class _Phrases:
    """Multi-word cue phrases, indexed by first and last word (most tokens start none)."""

    keys: frozenset[tuple[str, ...]]
    by_first: dict[str, tuple[int, ...]]
    by_last: dict[str, tuple[int, ...]]


def _keys(phrases: frozenset[str]) -> _Phrases:
    keys = frozenset(tuple(p.split()) for p in phrases)
    first: dict[str, set[int]] = {}
    last: dict[str, set[int]] = {}
    for k in keys:
        first.setdefault(k[0], set()).add(len(k))
        last.setdefault(k[-1], set()).add(len(k))

    def order(d: dict[str, set[int]]) -> dict[str, tuple[int, ...]]:
        return {w: tuple(sorted(ns, reverse=True)) for w, ns in d.items()}

    return _Phrases(keys, order(first), order(last))


TITLE_KEYS = _keys(PERSON_TITLES | OPENING_TITLES)
OPENING_TITLE_KEYS = frozenset(tuple(t.split()) for t in OPENING_TITLES)
HEAD_KEYS = _keys(ORG_HEADS)
PLACE_KEYS = _keys(PLACE_NOUNS | PLACE_PREPOSITIONS)
PLACE_NOUN_KEYS = _keys(PLACE_NOUNS)
ORGNOUN_KEYS = _keys(ORG_NOUNS)
ADMIN_KEYS = _keys(ADMIN_NOUNS)
TEAM_KEYS = _keys(TEAM_NOUNS)
SPEECH_KEYS = _keys(SPEECH_VERBS)
PLACE_ADJ_KEYS = _keys(PLACE_ADJECTIVES)
# Prepositions after which a run that looks like a Vietnamese person's name is a place: "ở Phan
# Thiết", "tại Lê Lợi" (a street named without its noun).
LOCATIVE = frozenset({"ở", "tại", "khỏi"})
_DIRECTIONS = frozenset({"Đông", "Tây", "Nam", "Bắc", "Trung"})
# Words that may sit between a name and its speech verb: "Minh Cảnh cũng cho biết".
_ADVERBS = frozenset({"cũng", "đã", "vừa", "từng", "thì", "lại", "còn", "liền", "sau đó"})
# Lower-case words after a head noun that make it a common word: "Trường hợp", "Đảng viên",
# "Bộ phim", "Bộ phận": no organisation follows.
_NOT_DESCRIPTORS = frozenset({"hợp", "viên", "phim", "sách", "ảnh", "luật", "phận", "môn",
                              "mặt", "máy", "sưu", "truyện", "bài", "tác", "ca", "khúc",
                              "trưởng", "đầu", "ngày", "đêm", "nghị", "dẫn", "trình", "lễ"})
_NOT_TEAMS = frozenset({"quân", "bộ", "hạm", "phân", "biệt", "tiểu", "trung", "đại", "liên",
                        "không", "lữ", "sư", "đoàn", "binh", "lực"})
_NAMED_KINDS = frozenset({"company", "media", "club", "sport"})
# Capitalised words that continue a company's name: "Masan Group", "Samsung Electronics".
CORPORATE_WORDS = frozenset(
    {"Group", "Software", "Electronics", "Oil", "Gas", "Holdings", "Holding", "Airlines",
     "Airways", "Bank", "Motors", "Motor", "Energy", "Capital", "Land", "Pharma", "Corporation",
     "Corp", "Inc", "Ltd", "Technologies", "Technology", "Telecom", "Solutions", "Securities",
     "Insurance", "Logistics", "Foods", "Retail", "Mobile", "Cloud", "Studios", "Entertainment",
     "Games", "Media", "Digital", "Systems", "Industries", "Steel", "Construction", "Invest"})
# A capitalised run opening with these is a document's title, not a name: "Luật Đất đai".
DOCUMENT_WORDS = frozenset({"Luật", "Bộ luật", "Nghị định", "Nghị quyết", "Thông tư",
                            "Quyết định", "Hiến pháp", "Chỉ thị", "Công văn", "Pháp lệnh"})
_STREET_NOUNS = ("đường", "phố", "đại lộ", "tuyến đường", "con đường", "các đường", "các phố")
_LINKS = frozenset({",", "và", "cùng", "với", "hay", "hoặc", "&"})


@dataclass
class Mention:
    """One occurrence of a name in a sentence. ``type`` is None while unresolved."""

    text: str
    start: int  # character offsets in the sentence
    end: int
    type: str | None
    canonical: str | None = None  # set when the gazetteer knows the name
    rule: str = ""
    guess: str | None = None  # the names model's type for a run the rules left open

    @cached_property
    def words(self) -> list[str]:
        return [t.text for t in tokenize(self.text) if t.text[0].isalnum()]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _phrase_at(words: list[str], i: int, phrases: _Phrases) -> int:
    """Length of the longest phrase starting at token ``i`` (0 if none)."""
    if i >= len(words):
        return 0
    for n in phrases.by_first.get(words[i], ()):
        if i + n <= len(words) and tuple(words[i : i + n]) in phrases.keys:
            return n
    return 0


def _phrase_before(words: list[str], i: int, phrases: _Phrases) -> int:
    """Length of the longest phrase ending right before token ``i``."""
    if i == 0:
        return 0
    for n in phrases.by_last.get(words[i - 1], ()):
        if n <= i and tuple(words[i - n : i]) in phrases.keys:
            return n
    return 0


class _Sentence:
    """The token-level state of one sentence while its mentions are found."""

    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.text = text
        self.toks: list[Token] = tokenize(text)
        self.words = [t.text for t in self.toks]
        self.gaz = gaz
        n = len(self.toks)
        self.gaz_at: dict[int, tuple[int, Entry]] = {}
        self.title_at: dict[int, int] = {}
        self.head_at: dict[int, int] = {}
        self.covered = [False] * n
        self._mark_gazetteer()
        self._unmark_after_surname()
        self._mark_phrases(self.title_at, TITLE_KEYS)
        self._unmark_ambiguous()
        # A name freed from the gazetteer may be a title after all: "Anh Huy cho biết"; but
        # not inside a name: "Lê Thị Mai Anh".
        self._mark_phrases(self.title_at, TITLE_KEYS, inside_names=False)
        self._mark_phrases(self.head_at, HEAD_KEYS, inside_names=False)

    # -- marking -------------------------------------------------------------------------
    def _mark_gazetteer(self) -> None:
        i, n = 0, len(self.words)
        lengths = self.gaz.lengths
        while i < n:
            if self.words[i] not in lengths:
                i += 1  # most tokens start no known name: one dict look-up
                continue
            found = self.gaz.match_at(self.words, i) if self.words[i][0].isalnum() else None
            if found and not self._cuts_model_name(i, i + found[0]):
                self.gaz_at[i] = found
                for k in range(i, i + found[0]):
                    self.covered[k] = True
                i += found[0]
            else:
                i += 1

    def _cuts_model_name(self, i: int, end: int) -> bool:
        """``Su-34``, ``F-16``, ``RT-2PM``: a name glued by a hyphen to a number is a model."""
        if end + 1 < len(self.words) and self.words[end] == "-" and self._glued(end - 1, end):
            return any(c.isdigit() for c in self.words[end + 1])
        return False

    def _mark_phrases(self, where: dict[int, int], keys: _Phrases,
                      inside_names: bool = True) -> None:
        i, n = 0, len(self.words)
        firsts = keys.by_first
        while i < n:
            if self.words[i] not in firsts:
                i += 1  # most tokens start no phrase: one dict look-up
                continue
            if self.covered[i] or (not inside_names and i > 0 and self._in_name(i - 1, i)):
                i += 1  # "Trường" of "Đỗ Trường Duy" is a given name, not a school
                continue
            length = _phrase_at(self.words, i, keys)
            if length and tuple(self.words[i:i + length]) in OPENING_TITLE_KEYS and not (
                    i == 0 or self.words[i - 1] in _OPENING):
                length = 0  # "Nghệ sĩ" mid-sentence is a category, not a title
            if (length and keys is TITLE_KEYS and _is_cap(self.words[i])
                    and self._named_after(i, i + length)):
                length = 0  # "phố Bà Triệu", "chợ Bà Chiểu": a place named after a person
            if length and not any(self.covered[i : i + length]):
                where[i] = length
                for k in range(i, i + length):
                    self.covered[k] = True
                i += length
            else:
                i += 1

    def _unmark_after_surname(self) -> None:
        """``Hà Đông`` in ``Nguyễn Hà Đông`` is a person's middle and given name, not the
        district: a family name right before a Vietnamese place name makes it a person's."""
        for i, (length, entry) in list(self.gaz_at.items()):
            if (entry.type != "LOC" or entry.kind == "country" or i == 0 or length > 2
                    or self.words[i - 1] not in SURNAMES or self.covered[i - 1]
                    or not self._glued_by_space(i - 1, i)
                    or not all(_SYLLABLE.match(w.lower()) for w in self.words[i:i + length])):
                continue
            if i >= 2 and (_phrase_before(self.words, i - 1, PLACE_KEYS)
                           or _phrase_before(self.words, i - 1, ORGNOUN_KEYS)
                           or self.words[i - 2] in ORG_HEADS):
                continue  # "đường Lê Thanh Hóa"? keep to the place rules
            del self.gaz_at[i]
            for k in range(i, i + length):
                self.covered[k] = False

    def _unmark_ambiguous(self) -> None:
        """``Đức`` in ``Đức Dũng`` or ``Trần Đức Lương`` is a given name, not Germany."""
        for i, (length, _entry) in list(self.gaz_at.items()):
            if length != 1 or self.words[i] not in AMBIGUOUS_NAMES:
                continue
            prev_title = _phrase_before(self.words, i, TITLE_KEYS)
            left = i > 0 and self._glued_by_space(i - 1, i) and (
                (_is_cap(self.words[i - 1]) and not self.covered[i - 1])
                or (prev_title and " ".join(self.words[i - prev_title : i]) in PRONOUN_TITLES))
            right = (i + 1 < len(self.words) and self._glued_by_space(i, i + 1)
                     and _is_cap(self.words[i + 1]) and not self.covered[i + 1]
                     and bool(_SYLLABLE.match(self.words[i + 1].lower())))
            # "Anh cho biết..." opening a sentence is the pronoun, not Britain.
            pronoun = (self.words[i] == "Anh" and (i == 0 or self.words[i - 1] in _OPENING)
                       and i + 1 < len(self.words) and self.words[i + 1].islower()
                       and self.words[i + 1] not in {"và", "quốc"})
            if left or right or pronoun:
                del self.gaz_at[i]
                self.covered[i] = False

    # -- helpers ---------------------------------------------------------------------------
    def _named_after(self, i: int, end: int) -> bool:
        """The title at ``i`` opens the name of a place or body: ``đường Ông Ích Khiêm``."""
        if not (end < len(self.words) and _is_cap(self.words[end])):
            return False
        return bool(_phrase_before(self.words, i, PLACE_NOUN_KEYS)
                    or _phrase_before(self.words, i, ORGNOUN_KEYS))

    def team_before(self, i: int) -> bool:
        """A sports team's noun right before ``i``: ``tuyển``, ``đội`` (not ``quân đội``)."""
        n = _phrase_before(self.words, i, TEAM_KEYS)
        if not n:
            return False
        before = self.words[i - n - 1].lower() if i - n - 1 >= 0 else ""
        return not (self.words[i - n] == "đội" and before in _NOT_TEAMS)

    def place_noun_before(self, i: int) -> bool:
        """A place noun right before ``i``, perhaps with an adjective: ``thành phố cổ X``."""
        if _phrase_before(self.words, i, PLACE_NOUN_KEYS):
            return True
        adj = _phrase_before(self.words, i, PLACE_ADJ_KEYS)
        return bool(adj) and bool(_phrase_before(self.words, i - adj, PLACE_NOUN_KEYS))

    def given_name_split(self, i: int, j: int) -> int:
        """Where a run splits before a foreign given name that does not start it: "tại Astana
        Alexander Petrov" is a place, then a person (``j`` when it does not split)."""
        words = self.words
        if words[i] in GIVEN_NAMES or words[i] in SURNAMES or not words[i].isascii():
            return j
        for k in range(i + 1, j - 1):
            if (words[k] in GIVEN_NAMES and words[k].isascii() and words[k - 1].isalpha()
                    and _is_cap(words[k + 1]) and words[k + 1].isascii()):
                return k
        return j

    def person_context(self, i: int, j: int) -> str:
        """The rule that makes the run ``i:j`` a person from what follows it, or ``""``:
        an age (``Minh Cảnh (45 tuổi)``, ``Minh Cảnh, 45 tuổi,``) or a speech verb
        (``Minh Cảnh nói``, ``Hải An cũng cho biết``)."""
        words, n = self.words, len(self.words)
        if j + 2 < n and words[j] in {"(", ","} and words[j + 1].isdigit() and (
                words[j + 2] == "tuổi" or (j + 3 < n and words[j + 2] == "tuổi")):
            return "age"
        k = j
        while k < n and words[k] in _ADVERBS:
            k += 1
        if k < n and _phrase_at(words, k, SPEECH_KEYS):
            return "speaker"
        return ""

    def _in_name(self, prev: int, i: int) -> bool:
        """Token ``i`` continues a capitalised name that token ``prev`` started."""
        w = self.words[prev]
        opens = prev == 0 or self.words[prev - 1] in _SENTENCE_OPENING
        return (_is_cap(w) and w.isalpha() and not self.covered[prev]
                and self._glued_by_space(prev, i) and w not in ORG_HEADS
                and not (opens and w in SENTENCE_WORDS))

    def _glued(self, a: int, b: int) -> bool:
        return self.toks[a].end == self.toks[b].start

    def _glued_by_space(self, a: int, b: int) -> bool:
        return self.text[self.toks[a].end : self.toks[b].start] == " "

    def _span(self, i: int, j: int) -> tuple[int, int, str]:
        start, end = self.toks[i].start, self.toks[j - 1].end
        return start, end, self.text[start:end]

    def mention(self, i: int, j: int, type_: str | None, rule: str,
                canonical: str | None = None) -> Mention:
        start, end, text = self._span(i, j)
        return Mention(text, start, end, type_, canonical, rule)

    def country_after(self, j: int) -> tuple[int, Entry] | None:
        """A country right after token ``j``, bare or in brackets: ``Nga``, ``(Mỹ)``."""
        words = self.words
        if j in self.gaz_at and self.gaz_at[j][1].kind in COUNTRY_KINDS:
            return j + self.gaz_at[j][0], self.gaz_at[j][1]
        if j < len(words) and words[j] == "(" and j + 1 in self.gaz_at:
            length, entry = self.gaz_at[j + 1]
            close = j + 1 + length
            if entry.kind in COUNTRY_KINDS and close < len(words) and words[close] == ")":
                return close + 1, entry
        return None

    # -- building --------------------------------------------------------------------------
    def gazetteer_mention(self, i: int) -> tuple[int, Mention]:
        length, entry = self.gaz_at[i]
        end = i + length
        if entry.type == "ORG" and entry.kind in COMPOSING_KINDS:
            country = self.country_after(end)
            if country is not None:
                name = f"{entry.canonical} {country[1].canonical}"
                return country[0], self.mention(i, country[0], "ORG", "gazetteer+country", name)
        if entry.type == "ORG":
            k = end
            while (k < len(self.words) and k - end < 3 and self.words[k] in CORPORATE_WORDS
                   and not self.covered[k] and self._glued_by_space(k - 1, k)):
                k += 1
            if k > end:  # "Masan Group", "FPT Software": the company's own longer name
                return k, self.mention(i, k, "ORG", f"gazetteer:{entry.kind}+company")
        return end, self.mention(i, end, entry.type, f"gazetteer:{entry.kind}", entry.canonical)

    def run_end(self, i: int) -> int:
        """End of the run of capitalised syllables (with name particles) starting at ``i``."""
        words, n = self.words, len(self.words)

        def starts_name(k: int) -> bool:
            if k >= n or self.covered[k]:
                return False
            w = words[k]
            if _is_cap(w) and w.isalpha() and w not in NOT_NAMES:
                return True
            return (w.lower() in NAME_PARTICLES and k + 2 < n and words[k + 1] == "-"
                    and self._glued(k, k + 1) and _is_cap(words[k + 2]))

        if not starts_name(i):
            return i
        j = i + 1
        while j < n and not self.covered[j]:
            w = words[j]
            if (_is_cap(w) and w.isalpha() and w not in NOT_NAMES
                    and self._glued_by_space(j - 1, j)):
                j += 1
            elif (w == "-" and self._glued(j - 1, j) and j + 1 < n and self._glued(j, j + 1)
                  and words[j + 1].isalpha() and not self.covered[j + 1]):
                # "al-Assad", "Kim Sang-sik", "Jong-un": a hyphen inside one name
                j += 2
            elif w.lower() in NAME_PARTICLES and starts_name(j) and j > i:
                j += 1
            elif (w == "." and len(words[j - 1]) == 1 and j + 1 < n and _is_cap(words[j + 1])
                  and not self.covered[j + 1]):
                j += 1  # an initial: "V. Putin"
            else:
                break
        while j > i and not words[j - 1][0].isalnum():
            j -= 1
        if self._cuts_model_name(i, j):
            return -j  # a model name such as "Tu-22M3": skip the run
        return j

    def head_org_end(self, i: int) -> int:
        """End of an organisation built on the head noun at ``i`` (``i`` itself if none)."""
        words, n = self.words, len(self.words)
        j = i + self.head_at[i]
        named = False
        # "Tòa án nhân dân", "Ủy ban nhân dân", "Ngân hàng trung ương": the head's own words.
        while j < n and not self.covered[j] and words[j] in _HEAD_MODIFIERS:
            j += 1
        j = self.descriptors_end(j)
        if j < n and j in self.gaz_at and self.gaz_at[j][1].type == "ORG" and j == i + (
                self.head_at[i]) and self.gaz_at[j][1].kind in _NAMED_KINDS:
            return j + self.gaz_at[j][0]  # "Tập đoàn Vingroup", "Tổng công ty Mobifone"
        while j < n and not self.covered[j]:
            if _is_cap(words[j]) and words[j].isalpha() and self._glued_by_space(j - 1, j):
                j += 1
                named = True
                cont = 0
                if not _SYLLABLE.match(words[j - 1].lower()):
                    continue  # "Ngân hàng Ecuador cáo buộc": a foreign name ends there
                # "Sở Xây dựng", "Bộ Tổng tư lệnh": lower-case syllables continue the name up
                # to a function word or a verb ("Sở Xây dựng công bố", "Bộ Y tế đã").
                # Only syllables that make up names of bodies continue it ("tế", "dựng",
                # "quân y"), so a verb ("Học viện Quân y nghiên cứu") ends the name.
                while (j < n and cont < 4 and not self.covered[j] and words[j].isalpha()
                       and words[j].islower()
                       and (words[j] not in FUNCTION_WORDS
                            or (words[j] == "không" and words[j - 1].lower() == "hàng"))
                       and (words[j] in ORG_CONTINUATION or words[j] == "không")
                       and " ".join(words[j:j + 2]) not in STOP_BIGRAMS
                       and _phrase_at(words, j, ADMIN_KEYS) == 0):
                    j += 1
                    cont += 1
                j = self.descriptors_end(j)
            elif (words[j] in {"và", "&"} and named and j + 1 < n and _is_cap(words[j + 1])
                  and not self.covered[j + 1]):
                j += 1
            else:
                break
        place = self.place_after(j)
        if place > j:
            return place
        return j if named else i

    def descriptors_end(self, j: int) -> int:
        """Past the lower-case words that describe a head before its name: ``Hãng thức ăn gia
        súc Nupak``, ``Ban phòng chống lụt bão huyện X``; ``j`` itself when no name follows."""
        words, n = self.words, len(self.words)
        k = j
        while (k < n and k - j < ORG_DESCRIPTOR_MAX and not self.covered[k]
               and words[k].isalpha() and words[k].islower()
               and words[k] not in FUNCTION_WORDS and words[k] not in _NOT_DESCRIPTORS
               and " ".join(words[k:k + 2]) not in STOP_BIGRAMS
               and not _phrase_at(words, k, ADMIN_KEYS) and not _phrase_at(words, k, TITLE_KEYS)
               and (k == j or self._glued_by_space(k - 1, k))):
            k += 1
        if k == j or k >= n or not self._glued_by_space(k - 1, k):
            return j
        if k in self.gaz_at and self.gaz_at[k][1].type in {"LOC", "ORG"}:
            return k
        if _phrase_at(words, k, ADMIN_KEYS) and self.place_after(k) > k:
            return k
        if (_is_cap(words[k]) and words[k].isalpha() and not self.covered[k]
                and words[k] not in SENTENCE_WORDS):
            return k
        return j

    def place_after(self, j: int) -> int:
        """End of a place right after ``j``: a known place, or ``tỉnh``/``TP`` + a name."""
        if j in self.gaz_at and self.gaz_at[j][1].type == "LOC":
            return j + self.gaz_at[j][0]
        country = self.country_after(j)
        if country is not None:
            return country[0]
        admin = _phrase_at(self.words, j, ADMIN_KEYS)
        if admin:
            k = j + admin
            if k < len(self.words) and self.words[k] == ".":
                k += 1  # "TP. Vinh"
            if k in self.gaz_at and self.gaz_at[k][1].type == "LOC":
                return k + self.gaz_at[k][0]
            end = self.run_end(k)
            if end > k:
                return end
        return j

    def classify_run(self, i: int, j: int) -> Mention | None:
        words = self.words
        sentence_start = i == 0 or words[i - 1] in _SENTENCE_OPENING
        while i < j and (words[i] in SENTENCE_WORDS or words[i] in ORG_HEADS) and (
                sentence_start or words[i] in ORG_HEADS):
            i += 1
        while i < j and not words[i][0].isalnum():
            i += 1
        if i >= j:
            return None
        lead_place = _phrase_at(words, i, PLACE_NOUN_KEYS)
        if lead_place and i + lead_place < j and _is_cap(words[i]):
            # "Trạm Kim Long", "Phố Bà Triệu" opening a sentence: the noun, then the place
            return self.mention(i + lead_place, j, "LOC", "place-cue")
        if words[i] in DOCUMENT_WORDS or " ".join(words[i:i + 2]) in DOCUMENT_WORDS:
            return None  # "Luật Đất đai", "Nghị định 100"
        name_words = [w for w in words[i:j] if w[0].isalnum()]
        n_words = len(name_words)
        # One Vietnamese syllable ("Hùng", "An", "Hồi"): a given name or a word, decided by
        # the article (see canonical.resolve), never by a cue alone.
        single_vi = (n_words == 1 and words[i].isalpha() and words[i][1:].islower()
                     and bool(_SYLLABLE.match(words[i].lower())))
        # A place noun outweighs a family name: "phố Khương Hạ", "đường Lê Lợi".
        if self.place_noun_before(i) and not (single_vi and words[i] in _DIRECTIONS):
            return self.mention(i, j, "LOC", "place-cue")
        # So does a body's noun: "trường Nguyễn Du", "đội Thể Công", "báo Thanh Niên".
        if (_phrase_before(words, i, ORGNOUN_KEYS) or self.team_before(i)) and not single_vi:
            return self.mention(i, j, "ORG", "org-cue")
        vietnamese = all(_SYLLABLE.match(w.lower()) for w in name_words)
        if words[i] in SURNAMES and 2 <= n_words <= 4 and all(_is_cap(w) for w in name_words):
            if vietnamese and i > 0 and words[i - 1] in LOCATIVE:
                return self.mention(i, j, "LOC", "place-cue")
            return self.mention(i, j, "PER", "vietnamese-name")
        if single_vi:
            # "Hồi" of "Hồi giáo", "Đông" of "miền Đông": a word, unless the article names a
            # person with this given name ("Trần Văn Tám ... Tám cho biết").
            return self.mention(i, j, None, "single")
        context = self.person_context(i, j)
        if (context and 2 <= n_words <= 4 and not any(w in CORPORATE_WORDS or w in ORG_HEADS
                                                      or w in NOT_NAMES for w in name_words)):
            return self.mention(i, j, "PER", context)
        if _phrase_before(words, i, PLACE_KEYS) and not any(
                w in ENGLISH_WORDS for w in name_words[1:]):
            return self.mention(i, j, "LOC", "place-cue")  # but not "tại SEA Games"
        return self.mention(i, j, None, "capitalised")

    def after_title(self, i: int, out: list[Mention]) -> int:
        """Mentions after the title at ``i``: the bodies it names, then the person."""
        words, n = self.words, len(self.words)
        j = i + self.title_at[i]
        steps = 0
        while j < n and steps < 6:
            steps += 1
            if j in self.gaz_at and self.gaz_at[j][1].type in {"LOC", "ORG"}:
                j, m = self.gazetteer_mention(j)
                out.append(m)
            elif j in self.head_at and self.head_org_end(j) > j + self.head_at[j]:
                end = self.head_org_end(j)
                out.append(self.mention(j, end, "ORG", "org-head"))
                j = end
            elif words[j] in {"của", "-", "–"} and j + 1 < n and (
                    _is_cap(words[j + 1]) or j + 1 in self.gaz_at):
                j += 1
            elif (_is_cap(words[j]) and not self.covered[j] and j + 1 < n
                  and words[j + 1] in ORG_CONTINUATION):
                j += 2  # a portfolio: "Bộ trưởng Quốc phòng"
                while j < n and words[j] in ORG_CONTINUATION:
                    j += 1
            else:
                break
        if j in self.gaz_at and self.gaz_at[j][1].type == "PER":
            j, m = self.gazetteer_mention(j)
            out.append(m)
            return j
        end = self.run_end(j)
        if end > j and words[j] not in ENGLISH_WORDS and not (end == j + 1 and len(words[j]) < 2):
            out.append(self.mention(j, end, "PER", "title"))
            return end
        return max(j, i + 1)

    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        i, n = 0, len(self.words)
        while i < n:
            if i in self.gaz_at:
                i, m = self.gazetteer_mention(i)
                if m.type == "LOC" and self.team_before(self._first_token(m)):
                    m.type, m.canonical, m.rule = "ORG", None, "team"  # "tuyển miền Nam"
                out.append(m)
            elif i in self.title_at:
                i = self.after_title(i, out)
            elif i in self.head_at and self.head_org_end(i) > i:
                end = self.head_org_end(i)
                out.append(self.mention(i, end, "ORG", "org-head"))
                i = end
            elif not self.words[i][:1].isupper() and self.words[i].lower() not in NAME_PARTICLES:
                i += 1  # neither a capital nor a particle: no name starts here
            else:
                end = self.run_end(i)
                if end < 0:
                    i = -end
                elif end > i:
                    end = self.given_name_split(i, end)
                    run = self.classify_run(i, end)
                    if run is not None:
                        out.append(run)
                    i = end
                else:
                    i += 1
        self.coordinate(out)
        return out

    def _first_token(self, m: Mention) -> int:
        for k, t in enumerate(self.toks):
            if t.start == m.start:
                return k
        return 0

    def coordinate(self, out: list[Mention]) -> None:
        """Names listed with a person are persons: "Minh Cảnh, Huỳnh Tiền và Minh Sang";
        names listed after a place noun's name are places: "các đường Hàng Bông, Bà Triệu và
        Trần Phú" (the streets after the first are written without their noun)."""
        self._coordinate_places(out)
        changed = True
        while changed:
            changed = False
            for a, b in pairwise(out):
                between = self.text[a.end:b.start].strip()
                if between not in _LINKS:
                    continue
                for known, other in ((a, b), (b, a)):
                    if (known.type == "PER" and other.type is None
                            and other.rule in {"capitalised", "single"}
                            and 2 <= len(other.words) <= 4
                            and all(_SYLLABLE.match(w.lower()) for w in other.words)):
                        other.type, other.rule = "PER", other.rule + "+list"
                        changed = True


    def _coordinate_places(self, out: list[Mention]) -> None:
        """Left to right: a name right after a place-noun place, linked by "," or "và", is a
        place of the same list, unless a lower-case title or a person's context marks it
        ("phường Tân Định, ông Lê Văn Tư cho biết" keeps its person)."""
        street = False  # the list's noun names streets, mostly named after people
        for a, b in pairwise(out):
            if a.type != "LOC" or not a.rule.startswith("place-cue"):
                continue
            if a.rule == "place-cue":
                street = self.text[:a.start].rstrip().lower().endswith(_STREET_NOUNS)
            gap = self.text[a.end:b.start]
            if b.rule == "title":
                # "…, Bà Triệu": a capitalised title word is part of the street's name
                words = gap.split()
                title = words[-1] if words else ""
                if len(words) != 2 or words[0] not in {",", "và"} or not title[:1].isupper():
                    continue  # "ông Trần Văn Khải": a person introduced by a title
                if self._speaks_after(b.end):
                    continue
                start = a.end + gap.rindex(title)
                b.start, b.text = start, self.text[start:b.end]
                b.__dict__.pop("words", None)
            else:
                open_name = b.type is None and b.rule in {"capitalised", "single"}
                street_name = street and b.rule == "vietnamese-name"  # "đường A, Lê Lợi"
                if (gap.strip() not in {",", "và"} or self._speaks_after(b.end)
                        or not (open_name or street_name)):
                    continue
            b.type, b.canonical, b.rule = "LOC", None, "place-cue+list"

    def _speaks_after(self, end: int) -> bool:
        """A speech verb or an age right after a name: the name is a person's."""
        rest = self.text[end:end + 24].lstrip(" ,(").lower()
        return rest.startswith(("nói", "cho biết", "kể", "chia sẻ", "khẳng định")) or bool(
            re.match(r"\d{1,3}\s+tuổi", rest))


def find_mentions(sentence: str, gazetteer: Gazetteer | None = None,
                  singles: bool = False) -> list[Mention]:
    """Names in one sentence, resolved as far as the sentence alone allows.

    ``singles`` keeps the lone Vietnamese syllables left open (rule ``single``) for the
    article-level pass, which takes one as a given name only after the full name.
    """
    if not sentence.strip():
        return []
    found = _Sentence(sentence, gazetteer or default_gazetteer()).mentions()
    return found if singles else [m for m in found if m.rule != "single"]
