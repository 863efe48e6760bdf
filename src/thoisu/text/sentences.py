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
_OPENER_OF = {v: k for k, v in _CLOSERS_FOR.items()}


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


# A quotation or a bracket longer than this is taken for a stray mark, not one that holds a
# sentence boundary in: a flattened page with one unmatched quote must still split.
MAX_QUOTE = 1000
MAX_BRACKET = 300
_MARKS = re.compile('[“”"' + re.escape("".join(_CLOSERS_FOR) + "".join(_OPENER_OF)) + "]")


def _protected(line: str) -> list[tuple[int, int]]:
    """Sorted, disjoint ``(open, close)`` spans of the quotations and brackets of ``line``
    that close on it (within :data:`MAX_QUOTE` / :data:`MAX_BRACKET` characters).

    Curly quotes pair by nesting (“a “b” c”); straight quotes pair in turn, a quote with
    no partner close enough starting the next pair; brackets pair by nesting.

    >>> _protected('Bà nói: "Tốt. Rất." Rồi (a. b) và “x. y” đi.')
    [(8, 18), (24, 29), (34, 39)]
    """
    spans: list[tuple[int, int]] = []
    curly: list[int] = []
    straight: int | None = None
    stack: list[tuple[str, int]] = []
    for m in _MARKS.finditer(line):  # only the quotes and brackets: most characters are neither
        pos, ch = m.start(), m[0]
        if ch == "“":
            curly.append(pos)
        elif ch == "”":
            while curly and pos - curly[0] > MAX_QUOTE:
                del curly[0]  # too long ago: a stray quote
            if curly:
                spans.append((curly.pop(), pos))  # nested pairs merge below
        elif ch == '"':
            if straight is not None and pos - straight <= MAX_QUOTE:
                spans.append((straight, pos))
                straight = None
            else:
                straight = pos
        elif ch in _CLOSERS_FOR:
            stack.append((ch, pos))
            if len(stack) > 64:
                del stack[0]
        elif ch in _OPENER_OF:
            while stack and stack[-1][0] != _OPENER_OF[ch]:
                stack.pop()
            if stack:
                _opener, at = stack.pop()
                if pos - at <= MAX_BRACKET:
                    spans.append((at, pos))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_abbreviation(token: str) -> bool:
    if token in ABBREVIATIONS:
        return True
    # A lone initial ("V.") or dotted initials ("U.S", "Th.S").
    parts = token.split(".")
    return all(len(p) <= 2 and p[:1].isupper() for p in parts if p) and len(token) <= 5 and (
        len(parts) > 1 or len(token) == 1
    )


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans of one line, in one pass over its boundary candidates (linear time)."""
    spans: list[tuple[int, int]] = []
    protected = _protected(line)
    k = 0  # first protected span that may still hold a candidate
    start = 0
    for m in _BOUNDARY.finditer(line):
        punct, closers = m.group(1), m.group(2)
        next_pos = m.end()
        if not _starts_sentence(line, next_pos):
            continue
        if punct == "." and not closers and _is_abbreviation(_previous_token(line, m.start(1))):
            continue
        at = m.start(1)
        while k < len(protected) and protected[k][1] < at:
            k += 1
        if not closers and k < len(protected) and protected[k][0] < at:
            continue  # inside a quotation or brackets that close later on the line
        end = m.end(2)
        if line[start:end].strip():
            spans.append((offset + start, offset + end))
        start = next_pos
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
