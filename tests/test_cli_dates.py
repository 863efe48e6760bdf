"""``thoisu dates`` through the real command-line entry point."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from thoisu.cli import cli


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["dates", *args], input=input)


def test_text_output() -> None:
    result = run("Hôm qua (27/3), đoàn ở lại 3 ngày.", "--published", "2016-03-28")
    assert result.exit_code == 0, result.output
    assert "2016-03-27" in result.stdout
    assert "P3D" in result.stdout


def test_json_from_stdin() -> None:
    result = run("-", "--format", "json", "--published", "XXXX-03-28", input="Hôm qua, mưa.")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["published"] == "XXXX-03-28"
    assert data["expressions"][0]["value"] == "XXXX-03-27"
    assert data["expressions"][0]["text"] == "Hôm qua"


def test_bad_published() -> None:
    result = run("hôm qua", "--published", "xyz")
    assert result.exit_code == 2
    assert "published 'xyz' is not a date" in result.stderr


def test_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    src.write_text(
        '{"id": "a", "text": "Ngày 28/3, mưa lớn.", "published": "2016-03-29"}\n'
        "không phải JSON\n"
        '{"id": "b"}\n'
        '{"id": "c", "text": "Không có ngày nào.", "published": null}\n',
        encoding="utf-8")
    result = run("--jsonl", str(src), "-o", str(out))
    assert result.exit_code == 1
    assert f"thoisu: failed: {src}:2: invalid JSON (Expecting value); fix or remove the line" \
        in result.stderr
    assert f'thoisu: failed: {src}:3: no "text" string; each line needs ' \
           '{"id", "text", "published"}' in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"id": "a", "expressions": [
        {"text": "Ngày 28/3", "start": 0, "end": 9, "type": "date", "value": "2016-03-28"}]}
    assert lines[1] == {"id": "c", "expressions": []}


def test_needs_text_or_jsonl() -> None:
    result = run()
    assert result.exit_code == 2
    assert "give a TEXT" in result.stderr


def test_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "--jsonl" in result.stdout


def test_jsonl_from_stdin_names_stdin() -> None:
    result = run("--jsonl", "-", input='{"id": 1, "text": "Hôm qua mưa.", "published": '
                                       '"28/3/2016"}\n{"id": 2, "text": "x", "published": "bad"}\n')
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["expressions"][0]["value"] == "2016-03-27"
    assert ("thoisu: failed: <stdin>:2: published 'bad' is not a date; write it as 2016-03-28 "
            "or XXXX-03-28") in result.stderr
