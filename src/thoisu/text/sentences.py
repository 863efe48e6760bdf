"""A Vietnamese sentence splitter.

A sentence ends at ``.``, ``!``, ``?``, ``…`` (and the ``./.`` that some outlets close an
article with), possibly followed by closing quotes or brackets, then white space and the start
of a new sentence: an upper-case letter, a digit or an opening quote or bracket. It does not end
inside a token (``VOV.VN``, ``TP.HCM``, ``1.000``, ``28.3.2016``), after an abbreviation
(``TS.``, ``PGS.``, ``TP.``), after an initial (``V. Putin``), inside brackets, or before a
lower-case word, a comma or a dash (``"Xin chào!" – ông nói``), nor inside a quotation that
closes later on the line, so a quoted speech stays whole. Line breaks always end one.

>>> split_sentences("TS. Lê Văn A đến TP.HCM hôm 28/3. Ông nói: “Tốt lắm.” Hơn 1.000 người dự.")
['TS. Lê Văn A đến TP.HCM hôm 28/3.', 'Ông nói: “Tốt lắm.”', 'Hơn 1.000 người dự.']
"""

from __future__ import annotations

import re

from thoisu.model import Sentence

# Abbreviations written with a final period that never end a sentence when a capital follows.
ABBREVIATIONS = frozenset(
    """TP Tp tp TT Tt TS Ts ThS Ths PGS Pgs GS Gs BS Bs KS Ks NXB Nxb NSƯT NSND CN ThS.BS
    St Mr Mrs Ms Dr Prof Sr Jr Gen Col Lt Capt No Vol Fig tr Tr pp cf vs etc TX Tx
    H Q P X Th""".split()
)

_BOUNDARY = re.compile(r"(\./\.|[.!?…]+)([\"”’»)\]]*)(\s+)")
_OPENERS = "\"“‘«([{"
_CLOSERS_FOR = {"(": ")", "[": "]", "{": "}"}


def _previous_token(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _starts_sentence(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        return True
    if ch in _OPENERS:
        nxt = text[pos + 1 : pos + 2]
        return not nxt or not nxt.islower()
    return False


def _bracket_depth(text: str, end: int) -> int:
    depth = 0
    for ch in text[:end]:
        if ch in _CLOSERS_FOR:
            depth += 1
        elif ch in _CLOSERS_FOR.values() and depth > 0:
            depth -= 1
    return depth


def _inside_quote(line: str, start: int, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation that closes later on the same line."""
    before, after = line[start:pos], line[pos:]
    if before.count("“") > before.count("”") and "”" in after:
        return True
    return before.count('"') % 2 == 1 and '"' in after


def _is_abbreviation(token: str) -> bool:
    if token in ABBREVIATIONS:
        return True
    # A lone initial ("V.") or dotted initials ("U.S", "Th.S").
    parts = token.split(".")
    return all(len(p) <= 2 and p[:1].isupper() for p in parts if p) and len(token) <= 5 and (
        len(parts) > 1 or len(token) == 1
    )


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        punct, closers, space = m.group(1), m.group(2), m.group(3)
        next_pos = m.end()
        if not _starts_sentence(line, next_pos):
            continue
        if punct == "." and not closers and _is_abbreviation(_previous_token(line, m.start(1))):
            continue
        if not closers and (_bracket_depth(line[start:], m.start(1) - start) > 0
                            or _inside_quote(line, start, m.start(1))):
            continue
        end = m.end(2)
        if line[start:end].strip():
            spans.append((offset + start, offset + end))
        start = next_pos
        del space
    if line[start:].strip():
        spans.append((offset + start, offset + len(line.rstrip())))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``; line breaks end sentences."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip())
        spans.extend(_line_spans(line[lead:], offset + lead))
        offset += len(line) + 1
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order."""
    return [text[s:e].strip() for s, e in sentence_spans(text)]


def article_sentences(lead: str, paragraphs: list[str]) -> list[Sentence]:
    """The sentences of an article: the lead's (paragraph 0), then each body paragraph's."""
    out: list[Sentence] = []
    for number, para in enumerate([lead, *paragraphs]):
        for start, end in sentence_spans(para):
            out.append(Sentence(text=para[start:end].strip(), index=len(out), paragraph=number,
                                start=start))
    return out
