"""One set of field rules for JSON Lines and the API: wrong types and impossible dates are
problems naming the field, never coercions; invalid UTF-8 is a warning with a count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thoisu.model import Problem, RawPage
from thoisu.read import iter_pages
from thoisu.read.validate import validate_record
from thoisu.settings import Settings

S = Settings()


def jsonl(tmp_path: Path, *records: object) -> list[RawPage | Problem]:
    path = tmp_path / "tin.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return list(iter_pages([str(path)], S))


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title", ["a", "b"], 'field "title" must be a string, not an array'),
    ("url", {"a": 1}, 'field "url" must be a string, not an object'),
    ("published", 20171207, 'field "published" must be a date string such as "2017-12-07", '
                            "not a number"),
    ("id", True, 'field "id" must be a string or a whole number, not true or false'),
    ("tags", "a, b", 'field "tags" must be an array of strings, not a string'),
    ("fetched", [], 'field "fetched" must be a date string such as "2017-12-07", not an array'),
])
def test_wrong_type_is_a_problem_naming_the_field(field: str, value: object,
                                                 message: str) -> None:
    meta, problems = validate_record({"text": "Nội dung.", field: value})
    assert problems == [message]
    assert field not in meta


@pytest.mark.parametrize(("value", "reason"), [
    ("0001-01-01", "year 1 is outside 1900–2100"),
    ("9999-12-31", "year 9999 is outside 1900–2100"),
    ("2017-02-31", "31/2/2017 does not exist"),
    ("2017-13-01", "there is no month 13"),
    ("31/02/2016", "31/2/2016 does not exist"),
])
def test_impossible_or_out_of_range_dates(value: str, reason: str) -> None:
    _, problems = validate_record({"text": "x", "published": value})
    assert len(problems) == 1 and reason in problems[0] and '"published"' in problems[0]


def test_words_in_a_date_field_are_left_to_the_date_stage() -> None:
    meta, problems = validate_record({"text": "x", "published": "2 giờ trước"})
    assert problems == [] and meta["published"] == "2 giờ trước"


def test_good_record_passes_untouched() -> None:
    record = {"text": "x", "id": 7, "title": "Tin", "published": "2017-12-07T08:00:00+07:00",
              "fetched": "2017-12-07 10:00", "tags": ["a"], "whatever": {"k": [1]}}
    meta, problems = validate_record(record)
    assert problems == []
    assert meta == {k: v for k, v in record.items() if k != "text"}


def test_jsonl_refuses_a_wrong_type_with_one_line_and_goes_on(tmp_path: Path) -> None:
    items = jsonl(tmp_path, {"text": "Một.", "title": ["a", "b"]},
                  {"text": "Hai.", "published": 2017},
                  {"text": "Ba.", "title": "Đúng"})
    assert [type(i).__name__ for i in items] == ["Problem", "Problem", "RawPage"]
    assert isinstance(items[0], Problem) and items[0].line == 1
    assert 'field "title" must be a string, not an array' in str(items[0])
    assert 'field "published"' in str(items[1]) and items[1].line == 2
    assert isinstance(items[2], RawPage) and items[2].meta["title"] == "Đúng"


def test_edge_dates_do_not_crash_the_reader(tmp_path: Path) -> None:
    items = jsonl(tmp_path, {"text": "Hôm qua mưa lớn.", "published": "0001-01-01"},
                  {"text": "Ngày mai nắng.", "published": "9999-12-31"})
    assert all(isinstance(i, Problem) and "outside 1900–2100" in str(i) for i in items)


def test_invalid_utf8_is_a_warning_with_a_count(tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    text = "Tiêu đề\nĐoạn văn tiếng Việt khá dài, có nhiều chữ có dấu để đọc ra UTF-8 rõ ràng."
    path.write_bytes((text * 4).encode() + b" \xff\xfe " + "lỗi.\n".encode())
    items = list(iter_pages([str(path)], S))
    assert [type(i).__name__ for i in items] == ["Problem", "RawPage"]
    warning = items[0]
    assert isinstance(warning, Problem) and warning.kind == "warning"
    assert "2 invalid UTF-8 bytes replaced by U+FFFD" in str(warning)


def test_invalid_utf8_in_a_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "tin.jsonl"
    good = json.dumps({"text": "Đoạn văn tiếng Việt có dấu, dài để nhận ra là UTF-8. " * 4},
                      ensure_ascii=False).encode()
    path.write_bytes(good[:-2] + b"\xff" + good[-2:] + b"\n")
    items = list(iter_pages([str(path)], S))
    assert isinstance(items[0], Problem) and items[0].kind == "warning" and items[0].line == 1
    assert "1 invalid UTF-8 byte replaced" in str(items[0])
    assert isinstance(items[1], RawPage)
