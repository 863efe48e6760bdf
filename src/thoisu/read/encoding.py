"""Turn the bytes of an input into text, and say which encoding it was.

The chain, first match wins:

1. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-16 LE/BE (``utf-16``), UTF-32;
2. UTF-16 without a mark, recognised by NUL bytes on every other position
   (ASCII letters and spaces have a zero high byte);
3. any NUL byte left, or mostly control bytes: not text (:class:`NotTextError`);
4. the encoding the input declared (``<meta charset>``, HTTP header), if it decodes, unless
   the bytes are valid UTF-8 with non-ASCII characters (a mislabelled UTF-8 page);
5. UTF-8: strict, or with a few stray bytes (at most one in a thousand characters, and far
   fewer than the valid non-ASCII ones), which become U+FFFD;
6. Windows-1258 (``cp1258``), when the result reads as Vietnamese. Its tone marks come out
   decomposed ("Hòa" as ``o`` + U+0300 + ``a``); NFC in the cleaner composes them;
7. charset-normalizer's best guess.

Nothing is normalised here beyond dropping the byte-order mark.
"""

from __future__ import annotations

import codecs
import unicodedata

# Bytes looked at when judging "is this text, and which UTF-16".
SAMPLE_BYTES = 8192
# Share of control bytes above which a file is taken as binary.
MAX_CONTROL_SHARE = 0.3
# Share of characters that may be stray bytes in otherwise valid UTF-8 (then U+FFFD).
MAX_STRAY_SHARE = 0.001
# Share of non-ASCII letters that must be Vietnamese for a cp1258 reading to be believed.
MIN_VIETNAMESE_SHARE = 0.8

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that plain text may hold although they are controls: tab, line ends, form feed,
# vertical tab, escape, and the DOS end-of-file mark.
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a\x1b")
_CONTROLS = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}
_VIETNAMESE = frozenset(
    "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "\u0300\u0301\u0303\u0309\u0323"
)


class DecodeError(ValueError):
    """The bytes could not be read as text; the message says why and what to do."""


class NotTextError(DecodeError):
    """The bytes are binary (NUL bytes, mostly control bytes), not text in any encoding."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"binary file ({reason}), not text")
        self.reason = reason


class UndecodableError(DecodeError):
    """The bytes look like text, but no encoding in the chain decodes them."""


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when NUL bytes fall on one side of the byte pairs only."""
    sample = data[:SAMPLE_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    # Vietnamese in UTF-16 is mostly ASCII letters and spaces, whose high byte is zero.
    if odd >= 0.2 * pairs and even <= 0.02 * pairs:
        codec = "utf-16-le"
    elif even >= 0.2 * pairs and odd <= 0.02 * pairs:
        codec = "utf-16-be"
    else:
        return None
    # Binary records with a zero every other byte exist too; their "text" is full of controls.
    text = sample.decode(codec, errors="replace")
    controls = sum(ord(c) < 0x20 and c not in "\t\n\r\x0c" for c in text)
    return codec if controls <= 0.05 * len(text) else None


def sniff_utf16(data: bytes) -> str | None:
    """The UTF-16/32 codec of ``data`` (by mark or NUL pattern), or None."""
    bom = bom_encoding(data)
    if bom is not None and bom != "utf-8-sig":
        return bom
    if bom is None:
        return utf16_without_bom(data)
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text ("NUL bytes", "mostly control bytes"), or None if it may be.

    Call it only once UTF-16 has been ruled out: UTF-16 text is full of NUL bytes.
    """
    if b"\x00" in data:
        return "NUL bytes"
    sample = data[:SAMPLE_BYTES]
    if sample and sum(b in _CONTROLS for b in sample) > MAX_CONTROL_SHARE * len(sample):
        return "mostly control bytes"
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def reads_as_vietnamese(text: str) -> bool:
    """True when the non-ASCII letters of ``text`` are mostly Vietnamese ones.

    >>> reads_as_vietnamese("Ho\\u0300a bi\\u0300nh"), reads_as_vietnamese("Straße über")
    (True, False)
    """
    foreign = [c for c in text if ord(c) > 0x7F and (c.isalpha() or unicodedata.combining(c))]
    if not foreign:
        return False
    vietnamese = sum(c in _VIETNAMESE for c in foreign)
    return vietnamese >= MIN_VIETNAMESE_SHARE * len(foreign)


def _nearly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a cut character, one bad byte) as U+FFFD, or None.

    One bad byte should not cost a whole article; but many bad bytes mean another encoding.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # a file cut inside its last character
            head = _strict(data[: exc.start], "utf-8")
            if head is not None:
                return head + "\ufffd"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(ord(c) > 0x7F for c in text) - bad
    if bad <= 2 + MAX_STRAY_SHARE * len(text) and wide >= 20 * bad:
        return text
    return None


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), _codec(best.encoding) or best.encoding


def _drop_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the codec that read it, e.g. ``("Hà Nội", "utf-8")``.

    ``declared`` is what the input said of itself (``<meta charset>``, an HTTP header); it is
    tried after byte-order marks and before guessing. Raises :class:`NotTextError` for binary
    data and :class:`UndecodableError` when no encoding fits.
    """
    wide = sniff_utf16(data)
    if wide is not None:
        text = _strict(data, wide)
        if text is not None:
            return _drop_bom(text), wide
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig")
        if text is not None:
            return text, "utf-8-sig"
    reason = binary_reason(data)
    if reason is not None:
        raise NotTextError(reason)
    utf8 = _strict(data, "utf-8")
    codec = _codec(declared)
    # A declaration readable in ASCII cannot be true of UTF-16, so that one is ignored; and
    # non-ASCII bytes that form valid UTF-8 are UTF-8 whatever the page says (pages labelled
    # ISO-8859-1 but written in UTF-8 are common; legacy text valid as UTF-8 is not).
    mislabelled = utf8 is not None and not data.isascii()
    if codec is not None and not codec.startswith(("utf-16", "utf-32")) and not mislabelled:
        text = _strict(data, codec)
        if text is not None:
            return _drop_bom(text), codec
    if utf8 is not None:
        return _drop_bom(utf8), "utf-8"
    text = _nearly_utf8(data)
    if text is not None:
        return _drop_bom(text), "utf-8"
    text = _strict(data, "cp1258")
    if text is not None and reads_as_vietnamese(text):
        return text, "cp1258"
    guess = _charset_normalizer(data)
    if guess is not None:
        return _drop_bom(guess[0]), guess[1]
    raise UndecodableError("cannot decode the text (not UTF-8, UTF-16 or Windows-1258)")
