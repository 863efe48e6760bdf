"""Readers on tiny inputs written in tmp_path, and on the shared data (ViMs, seeds)."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import thoisu.read
from test_read_encoding import VI, cp1258
from thoisu.model import Origin, Problem, RawPage
from thoisu.read import STDIN, count_files, expand_paths, iter_pages
from thoisu.settings import Settings

SETTINGS = Settings()
HTML = "<html><head><title>Tin</title></head><body><p>{}</p></body></html>"


def read(*paths: Path | str, settings: Settings = SETTINGS,
         stdin: bytes | None = None) -> list[RawPage | Problem]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(iter_pages([str(p) for p in paths], settings, stdin=stream))


def only(items: list[RawPage | Problem]) -> RawPage | Problem:
    assert len(items) == 1, items
    return items[0]


def page(items: list[RawPage | Problem]) -> RawPage:
    item = only(items)
    assert isinstance(item, RawPage), str(item)
    return item


def problem(items: list[RawPage | Problem]) -> Problem:
    item = only(items)
    assert isinstance(item, Problem), item
    return item


# Plain text


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    path.write_text(VI, encoding="utf-8")
    got = page(read(path))
    assert got.text == VI and got.html is None
    assert got.origin == Origin(str(path))
    assert got.encoding == "utf-8"


def test_text_keeps_line_ends_and_decomposed_unicode(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Hoà bình\r\nthuỷ điện\rcuối")
    path = tmp_path / "nfd.txt"
    path.write_bytes(nfd.encode())
    assert page(read(path)).text == nfd  # normalising is the cleaner's job


def test_text_utf8_bom_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + VI.encode())
    got = page(read(path))
    assert got.text == VI
    assert got.encoding == "utf-8-sig"


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_text_utf16(tmp_path: Path, codec: str, bom: bool) -> None:
    mark = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "wide.txt"
    path.write_bytes((mark if bom else b"") + VI.encode(codec))
    got = page(read(path))
    assert got.text == VI
    assert got.encoding == ("utf-16" if bom else codec)


def test_text_cp1258(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(cp1258(VI))
    got = page(read(path))
    assert got.encoding == "cp1258"
    assert got.text is not None
    assert unicodedata.normalize("NFC", got.text) == VI


# HTML


def test_html_meta_charset_respected(tmp_path: Path) -> None:
    body = ('<html><head><meta charset="windows-1258"><title>x</title></head>'
            f"<body><p>{VI}</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(cp1258(body))
    got = page(read(path))
    assert got.encoding == "cp1258"
    assert got.text is None and got.html is not None
    assert VI in unicodedata.normalize("NFC", got.html)


def test_html_http_equiv_charset(tmp_path: Path) -> None:
    body = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=iso-8859-1"></head><body>Café</body></html>')
    path = tmp_path / "old.htm"
    path.write_bytes(body.encode("latin-1"))
    got = page(read(path))
    assert got.encoding == "iso8859-1"
    assert got.html is not None and "Café" in got.html


def test_xhtml_xml_declaration(tmp_path: Path) -> None:
    body = '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><body>Café</body></html>'
    path = tmp_path / "page.xhtml"
    path.write_bytes(body.encode("latin-1"))
    got = page(read(path))  # an unknown extension, sniffed as HTML
    assert got.encoding == "iso8859-1"  # undeclared, the guess would be cp1258
    assert got.html is not None and "Café" in got.html


def test_html_utf8_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "page.HTML"
    path.write_text(HTML.format(VI), encoding="utf-8")
    assert page(read(path)).html == HTML.format(VI)


# JSON Lines


def jsonl(path: Path, *lines: str | Mapping[str, object]) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_jsonl_records_and_meta(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "news.jsonl",
        {"id": 7, "title": "Nga không kích IS", "text": VI, "url": "https://x.vn/a",
         "published": "2017-01-24", "source": "VnExpress", "tags": ["Syria"]},
        "",
        "   ",
        {"id": "b", "html": HTML.format("Hà Nội")},
        {"text": "Cả hai", "html": "<p>bỏ đi</p>"},
    )
    first, second, third = read(path)
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    assert isinstance(third, RawPage)
    assert first.text == VI and first.html is None
    assert first.origin == Origin(str(path), line=1, id="7")
    assert first.meta == {"id": 7, "title": "Nga không kích IS", "url": "https://x.vn/a",
                          "published": "2017-01-24", "source": "VnExpress", "tags": ["Syria"]}
    assert second.html == HTML.format("Hà Nội") and second.text is None
    assert second.origin == Origin(str(path), line=4, id="b")
    assert third.text == "Cả hai" and third.html is None  # text wins
    assert third.origin.id is None


def test_jsonl_bad_lines_each_give_one_problem(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "news.jsonl",
        {"id": 1, "text": "một"},
        '{"id": 2 "text": "hai"}',
        "[1, 2]",
        {"id": 4, "title": "không có nội dung"},
        {"id": 5, "text": "   "},
        {"id": 6, "text": 6},
        "[" * 100_000 + "]" * 100_000,
        {"id": 8, "text": "tám"},
    )
    items = read(path)
    assert [str(x) if isinstance(x, Problem) else x.origin.id for x in items] == [
        "1",
        f"{path}:2: invalid JSON (Expecting ',' delimiter at column 10); fix or remove the line",
        f"{path}:3: JSON value is an array, not an object; write one object per line",
        f'{path}:4: record has no "text" or "html" string; add one or remove the line',
        f'{path}:5: record\'s "text"/"html" is empty; nothing to read',
        f'{path}:6: record has no "text" or "html" string; add one or remove the line',
        f"{path}:7: invalid JSON (nested too deeply); fix or remove the line",
        "8",
    ]
    kinds = [x.kind for x in items if isinstance(x, Problem)]
    assert kinds == ["failed", "failed", "failed", "skipped", "failed", "failed"]


def test_jsonl_oversized_record_skipped_others_kept(tmp_path: Path) -> None:
    big = {"id": "big", "text": "x" * 500}
    path = jsonl(tmp_path / "news.jsonl", {"id": "a", "text": "ngắn"}, big,
                 {"id": "c", "text": "ngắn"})
    items = read(path, settings=SETTINGS.replace(max_file_bytes=100))
    assert isinstance(items[0], RawPage) and isinstance(items[2], RawPage)
    assert items[2].origin.line == 3
    assert str(items[1]) == (f"{path}:2: record too large (526 bytes, limit 100); "
                             "split it or raise max_file_bytes")
    assert isinstance(items[1], Problem) and items[1].kind == "skipped"


def test_jsonl_utf16_and_bom(tmp_path: Path) -> None:
    record = json.dumps({"id": 1, "text": VI}, ensure_ascii=False) + "\n"
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(codecs.BOM_UTF16_LE + (record * 2).encode("utf-16-le"))
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(codecs.BOM_UTF8 + record.encode())
    items = read(wide, bom)
    assert [x.text for x in items if isinstance(x, RawPage)] == [VI, VI, VI]
    assert [x.origin.line for x in items if isinstance(x, RawPage)] == [1, 2, 1]


def test_jsonl_only_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n")
    assert str(problem(read(path))) == f"{path}: only whitespace; nothing to read"


# WARC


def http(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def write_warc(path: Path, html: bytes, gz: bool = False) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, body: bytes, headers: StatusAndHeaders) -> None:
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2017-01-25T08:00:00Z"}))

        response("https://tin.vn/a.html", html, http("200 OK", "text/html; charset=utf-8"))
        response("https://tin.vn/logo.png", b"\x89PNG\x00\x00", http("200 OK", "image/png"))
        response("https://tin.vn/missing", b"<html>404</html>", http("404 Not Found",
                                                                     "text/html"))
        response("https://tin.vn/b.html", cp1258(HTML.format(VI)),
                 http("200 OK", "text/html; charset=windows-1258"))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    body = HTML.format("Nga không kích").encode()
    path = write_warc(tmp_path / name, body, gz=name.endswith(".gz"))
    if name.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"
    first, second = read(path)
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    assert first.html == body.decode()
    assert first.meta == {"url": "https://tin.vn/a.html", "crawled": "2017-01-25T08:00:00Z"}
    assert "published" not in first.meta
    assert first.origin.line == 2  # record 1 is the warcinfo
    assert first.origin.id is not None and first.origin.id.startswith("<urn:uuid:")
    assert second.origin.line == 5
    assert second.encoding == "cp1258"  # from the HTTP header; the page declares nothing
    assert second.html is not None
    assert VI in unicodedata.normalize("NFC", second.html)


def test_warc_oversized_record(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", HTML.format("x" * 400).encode())
    items = read(path, settings=SETTINGS.replace(max_file_bytes=300))
    assert len(items) == 2
    assert isinstance(items[0], Problem) and isinstance(items[1], RawPage)
    assert str(items[0]).startswith(f"{path}:2: record too large (")
    assert str(items[0]).endswith(" bytes, limit 300); split it or raise max_file_bytes")


def test_warc_without_html(tmp_path: Path) -> None:
    path = tmp_path / "info.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    assert str(problem(read(path))) == (
        f"{path}: no HTML response records in this WARC; nothing to read")


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("just some text\n")
    got = problem(read(path))
    assert str(got) == (f"{path}: not a WARC file (it does not start with WARC/ or gzip data); "
                        "give a .warc or .warc.gz file")


def test_warc_gz_that_is_not_gzip_gets_one_clear_line(tmp_path: Path,
                                                      capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nkhong phai gzip")
    items = list(read(path))
    assert [str(i) for i in items] == [
        f"{path}: named .gz but not gzip data; rename it (.warc) or compress it with gzip"]
    assert capfd.readouterr().err == ""


def test_truncated_warc_keeps_earlier_pages(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", HTML.format("một").encode(), gz=True)
    data = gzip.decompress(path.read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.rindex(b"WARC/1.") + 200])
    items = read(cut)
    assert isinstance(items[0], RawPage)
    assert isinstance(items[-1], Problem) and items[-1].line == 5
    assert "check that the file is a complete WARC" in str(items[-1])


# Bad files


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    got = problem(read(path))
    assert str(got) == (f"{path}: binary file (NUL bytes), not text; "
                        "give a .txt, .html, .jsonl, .warc or feed file instead")
    assert got.kind == "skipped"


def test_binary_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"{\x00\x01\x02\x00\x00\x03" * 10)
    assert "binary file (NUL bytes)" in str(problem(read(path)))


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"),
                                                 (b" \n\t\r\n", "only whitespace")])
def test_empty_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    got = problem(read(path))
    assert str(got) == f"{path}: {reason}; nothing to read"
    assert got.kind == "skipped"


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    got = problem(read(path))
    assert str(got) == f"{path}: no such file or directory; check the path"
    assert got.kind == "failed"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("bí mật")

    def refuse(name: str, mode: str = "r") -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", name)

    # Tests may run as root, who can read anything: refuse at open() instead of via chmod.
    monkeypatch.setattr(thoisu.read, "open", refuse, raising=False)
    got = problem(read(path))
    assert str(got) == (f"{path}: cannot read (Permission denied); "
                        "check that the file exists and is readable")
    assert got.kind == "failed"


def test_undecodable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import thoisu.read.encoding as encoding

    monkeypatch.setattr(encoding, "_charset_normalizer", lambda data: None)
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\x81\x8d\x8e\x8f\x90 abc")
    got = problem(read(path))
    assert str(got) == (f"{path}: cannot decode the text (not UTF-8, UTF-16 or Windows-1258); "
                        "save it as UTF-8")
    assert got.kind == "failed"


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("a" * 2000)
    got = problem(read(path, settings=SETTINGS.replace(max_file_bytes=1000)))
    assert str(got) == (f"{path}: file too large (2,000 bytes, limit 1,000); "
                        "split it or raise max_file_bytes")
    assert got.kind == "skipped"


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("một")
    empty = tmp_path / "b.txt"
    empty.write_text("")
    items = read(good, tmp_path / "missing.txt", empty, good)
    assert [type(x).__name__ for x in items] == ["RawPage", "Problem", "Problem", "RawPage"]


# Directories, sniffing, stdin


def test_directory_tree(tmp_path: Path) -> None:
    for rel in ["b/10.txt", "b/2.txt", "a.html", "c/d/x.jsonl", "notes.md", ".hidden.txt",
                ".git/config.txt", "b/.draft.txt", "z.warc.gz"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    expected = [str(tmp_path / r) for r in ["a.html", "b/2.txt", "b/10.txt", "c/d/x.jsonl",
                                            "z.warc.gz"]]
    assert expand_paths([str(tmp_path), "-"]) == [*expected, "-"]
    assert count_files([str(tmp_path)]) == 5


def test_directory_pages_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "2.txt").write_text("hai")
    (tmp_path / "sub" / "10.txt").write_text("mười")
    (tmp_path / "1.txt").write_text("một")
    assert [x.text for x in read(tmp_path) if isinstance(x, RawPage)] == ["một", "hai", "mười"]


def test_directory_without_known_files(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("x")
    assert str(problem(read(tmp_path))) == (
        f"{tmp_path}: no .txt, .html, .jsonl, .warc or feed files in this directory; "
        "nothing to read")


@pytest.mark.parametrize(("content", "kind"), [
    (b"  <html><body>Tin</body></html>", "html"),
    ('{"text": "một"}\n\n{"text": "hai"}\n'.encode(), "jsonl"),
    ("Tin tức {không phải JSON}\n".encode(), "text"),
])
def test_unknown_extension_is_sniffed(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    items = read(path)
    assert all(isinstance(x, RawPage) for x in items)
    assert isinstance(items[0], RawPage)
    if kind == "html":
        assert items[0].html is not None
    elif kind == "jsonl":
        assert [x.text for x in items if isinstance(x, RawPage)] == ["một", "hai"]
    else:
        assert items[0].text == content.decode()


def test_stdin_text_html_jsonl() -> None:
    text = page(read("-", stdin=VI.encode()))
    assert text.text == VI and text.origin == Origin(STDIN)
    html = page(read("-", stdin=HTML.format(VI).encode()))
    assert html.html == HTML.format(VI)
    records = read("-", stdin=b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"\n')
    assert isinstance(records[0], RawPage) and records[0].origin == Origin(STDIN, 1, "1")
    assert str(records[1]).startswith(f"{STDIN}:2: invalid JSON (")


def test_stdin_warc_and_limits(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", HTML.format("tin").encode(), gz=True)
    items = read("-", stdin=path.read_bytes())
    assert [x.origin.line for x in items if isinstance(x, RawPage)] == [2, 5]
    got = problem(read("-", stdin=b"a" * 50, settings=SETTINGS.replace(max_file_bytes=10)))
    # A stream is not read to its end just to count it (it may never end).
    assert str(got) == (f"{STDIN}: input too large (more than 10 bytes); "
                        "split it or raise max_file_bytes")
    assert str(problem(read("-", stdin=b""))) == f"{STDIN}: empty input; nothing to read"


# The shared data


def test_vims_articles_all_read(vims_dir: Path) -> None:
    items = read(vims_dir / "data")
    problems = [str(x) for x in items if isinstance(x, Problem)]
    assert problems == []
    assert len(items) == 1950
    assert all(isinstance(x, RawPage) and x.text for x in items)
    first = items[0]
    assert isinstance(first, RawPage)
    assert Path(first.origin.path).relative_to(vims_dir / "data") == Path("Cluster_001/1.txt")


def test_seed_pages_read(seeds_dir: Path, seed_paths: list[Path]) -> None:
    items = read(seeds_dir)
    assert len(items) == 5
    assert [x.origin.path for x in items if isinstance(x, RawPage)] == [str(p) for p in seed_paths]
