"""Encoding detection on tiny hand-made inputs: BOMs, UTF-16 without BOM, cp1258, binary."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from thoisu.read.encoding import NotTextError, UndecodableError, decode_bytes, reads_as_vietnamese

VI = "Hòa bình ở Đà Nẵng: người dân thủy điện nói tiếng Việt.\nDòng thứ hai."
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: letter shapes composed, tone marks combining."""
    out: list[str] = []
    chars = unicodedata.normalize("NFD", text)
    i = 0
    while i < len(chars):
        base, i = chars[i], i + 1
        marks = []
        while i < len(chars) and unicodedata.combining(chars[i]):
            marks.append(chars[i])
            i += 1
        shape = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES))
        out.append(shape + "".join(m for m in marks if m in TONES))
    return "".join(out).encode("cp1258")


def test_plain_utf8() -> None:
    assert decode_bytes(VI.encode("utf-8")) == (VI, "utf-8")


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + VI.encode("utf-8")) == (VI, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, name = decode_bytes(bom + VI.encode(codec))
    assert text == VI
    assert name == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_found_by_nul_pattern(codec: str) -> None:
    assert decode_bytes(VI.encode(codec)) == (VI, codec)


def test_cp1258_vietnamese_decodes_with_decomposed_tones() -> None:
    data = cp1258(VI)
    assert data != VI.encode("utf-8")
    text, name = decode_bytes(data)
    assert name == "cp1258"
    assert text != VI  # the tone marks are combining characters until NFC
    assert unicodedata.normalize("NFC", text) == VI


def test_declared_encoding_is_tried_first() -> None:
    data = "Café".encode("latin-1")
    assert decode_bytes(data, declared="iso-8859-1") == ("Café", "iso8859-1")


def test_utf8_page_mislabelled_as_latin1() -> None:
    assert decode_bytes(VI.encode(), declared="iso-8859-1") == (VI, "utf-8")


def test_unknown_declared_encoding_is_ignored() -> None:
    assert decode_bytes(VI.encode(), declared="no-such-codec") == (VI, "utf-8")


def test_decomposed_unicode_is_left_alone() -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert decode_bytes(nfd.encode()) == (nfd, "utf-8")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(NotTextError, match=r"binary file \(NUL bytes\), not text"):
        decode_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)))


def test_control_bytes_mean_binary() -> None:
    with pytest.raises(NotTextError, match="mostly control bytes"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50)


def test_nothing_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    import thoisu.read.encoding as encoding

    monkeypatch.setattr(encoding, "_charset_normalizer", lambda data: None)
    with pytest.raises(UndecodableError, match="not UTF-8, UTF-16 or Windows-1258"):
        decode_bytes(b"\x81\x8d\x8e\x8f\x90 abc")


def test_reads_as_vietnamese() -> None:
    assert reads_as_vietnamese("Hòa bình")
    assert not reads_as_vietnamese("plain ascii")
    assert not reads_as_vietnamese("ÃƒÂ¡ mojibake ÃƒÂ©")


def test_one_stray_byte_does_not_lose_a_utf8_text() -> None:
    data = (VI * 20).encode()
    at = data.index(b" ", 300)
    text, name = decode_bytes(data[:at] + b"\xff" + data[at:])
    assert name == "utf-8"
    assert text.replace("\ufffd", "", 1) == VI * 20
    # Dropped inside a character it spoils that one too, and still the text is kept.
    text, name = decode_bytes(data[:at + 2] + b"\xff" + data[at + 2:])
    assert name == "utf-8"
    assert text.count("\ufffd") <= 3


def test_cut_character_at_the_end() -> None:
    data = ("x" * 100 + "Việt").encode()
    text, name = decode_bytes(data[:-2])
    assert (text, name) == ("x" * 100 + "Vi\ufffd", "utf-8")
