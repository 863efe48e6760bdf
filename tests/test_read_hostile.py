"""Inputs that used to hang or sink a run: FIFOs, devices, endless standard input, and lone
surrogate escapes in JSON Lines records. Each must end with one clear line and lose nothing
else. The commands run through the real entry point (a subprocess, with a time limit)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thoisu.model import Problem, RawPage
from thoisu.read import iter_pages
from thoisu.settings import Settings

GOOD = {"id": "mua", "title": "Mưa lớn ở Cần Thơ",
        "text": "Chiều 4/5/2024, mưa lớn kéo dài khiến nhiều tuyến phố ở Cần Thơ ngập sâu.\n"
                "Công ty thoát nước đã cử công nhân khơi thông cống ở các quận trung tâm."}
# A JSON line with lone surrogate escapes in the title, the text and a tag (written by hand:
# json.dumps would refuse nothing, but a str holding them cannot be encoded to write).
BAD_LINE = ('{"id": "lua", "title": "Ch\\ud800áy chợ", "tags": ["x\\udfff"], '
            '"text": "Sáng 5/5/2024, một đám cháy lớn bùng lên ở chợ Bình Tây \\ud800.\\n'
            'Lực lượng cứu hỏa đã khống chế đám cháy sau hai giờ."}')


def thoisu(*args: str, stdin: int | bytes | None = None, env: dict[str, str] | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "thoisu", *args], capture_output=True,
                          input=stdin if isinstance(stdin, bytes) else None,
                          stdin=stdin if isinstance(stdin, int) else None,
                          env={**os.environ, **(env or {})}, timeout=timeout, check=False)


def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "tin.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + BAD_LINE + "\n",
                    encoding="utf-8")
    return path


def test_a_fifo_in_a_directory_is_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tin nhanh\nHà Nội mưa lớn suốt đêm qua.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # nobody ever writes to it: opening it would block
    items = list(iter_pages([str(tmp_path)], Settings()))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.path for p in problems] == [str(tmp_path / "b.txt")]
    assert "named pipe (FIFO), not a regular file" in problems[0].reason
    assert [i.origin.path for i in items if isinstance(i, RawPage)] == [str(tmp_path / "a.txt")]


def test_a_device_linked_as_txt_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # endless bytes under a .txt name
    items = list(iter_pages([str(tmp_path / "zero.txt")], Settings()))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "character device, not a regular file" in items[0].reason
    done = thoisu("digest", "-q", str(tmp_path), timeout=120)
    assert done.returncode == 1
    lines = done.stderr.decode().strip().splitlines()
    assert any("zero.txt" in line and "character device" in line for line in lines), lines
    assert "Traceback" not in done.stderr.decode()


def _endless(line: str) -> subprocess.Popen[bytes]:
    """A process writing ``line`` for ever to its standard output."""
    code = f"import sys\nwhile True: sys.stdout.write({line!r})"
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)


@pytest.mark.parametrize(("line", "said"), [
    ("y\n", "input too large (more than 1,000,000 bytes)"),  # `yes | thoisu digest -`
    ('{"text": "' + "a" * 1000, "record too large (more than 1,000,000 bytes)"),  # one line
])
def test_endless_standard_input_stops_at_the_cap(line: str, said: str) -> None:
    writer = _endless(line)
    try:
        assert writer.stdout is not None
        done = thoisu("digest", "-q", "-", stdin=writer.stdout.fileno(),
                      env={"THOISU_MAX_FILE_BYTES": "1000000"}, timeout=120)
    finally:
        writer.kill()
        writer.wait()
    err = done.stderr.decode()
    assert said in err, err
    assert "Traceback" not in err
    assert len([x for x in err.splitlines() if "too large" in x]) == 1


def test_surrogates_in_json_lines_are_a_warning_and_the_record_is_kept(tmp_path: Path) -> None:
    items = list(iter_pages([str(jsonl(tmp_path))], Settings()))
    warnings = [i for i in items if isinstance(i, Problem)]
    pages = [i for i in items if isinstance(i, RawPage)]
    assert [w.kind for w in warnings] == ["warning"] and warnings[0].line == 2
    assert "3 lone surrogate escapes" in warnings[0].reason
    assert [p.origin.id for p in pages] == ["mua", "lua"]
    assert pages[1].meta["title"] == "Ch\ufffdáy chợ" and pages[1].meta["tags"] == ["x\ufffd"]
    assert "replaced_surrogates" not in pages[1].meta


def test_surrogates_do_not_sink_digest(tmp_path: Path) -> None:
    done = thoisu("digest", "--format", "json", "-q", str(jsonl(tmp_path)))
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert f"{tmp_path / 'tin.jsonl'}:2" in err and "lone surrogate" in err
    out = json.loads(done.stdout)
    assert sorted(a["origin"]["id"] for a in out["articles"]) == ["lua", "mua"]


def test_surrogates_do_not_sink_ingest(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'kho.db'}"
    done = thoisu("ingest", "--db", db, "-q", str(jsonl(tmp_path)))
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "lone surrogate" in err and "Traceback" not in err
    from thoisu.store import Store

    with Store.open(db) as store:
        assert store.count_articles() == 2


def test_surrogates_do_not_sink_a_batch_range(tmp_path: Path) -> None:
    # The batch reads a cut JSON Lines file by byte ranges through the same reader.
    from thoisu.batch.partitions import Chunk
    from thoisu.batch.work import chunk_items

    path = jsonl(tmp_path)
    chunk = Chunk(str(path), 0, path.stat().st_size, 1)
    items = list(chunk_items(chunk, Settings(segmenter="syllable"), lambda _page: None))
    assert [i.kind for i in items if isinstance(i, Problem)] == ["warning"]
    titles = [i.title for i in items if not isinstance(i, Problem)]
    assert "Ch\ufffdáy chợ" in titles
    json.dumps(titles, ensure_ascii=False).encode("utf-8")  # writable now


def test_digest_of_a_missing_directory_is_an_error_not_an_empty_report(tmp_path: Path) -> None:
    done = thoisu("digest", str(tmp_path / "khongco"), "--format", "json", timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert done.stdout == b""
    assert "no such file or directory" in err and "no article read from" in err


def test_a_file_name_that_is_not_utf8_does_not_sink_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "tin"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"tin-\xff.txt")  # Latin-1 byte, not UTF-8
    with open(name, "wb") as out:
        out.write((GOOD["title"] + "\n" + GOOD["text"]).encode("utf-8"))
    pages = [i for i in iter_pages([str(folder)], Settings()) if isinstance(i, RawPage)]
    assert [p.origin.path for p in pages] == [str(folder / "tin-\ufffd.txt")]
    db = f"sqlite:///{tmp_path / 'kho.db'}"
    done = thoisu("ingest", "--db", db, "-q", str(folder))
    assert done.returncode == 0, done.stderr.decode()
