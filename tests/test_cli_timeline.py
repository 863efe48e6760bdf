"""``thoisu timeline`` through the real entry point (a subprocess), as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TWO_ARTICLES = [
    {"id": "a", "title": "Đàm phán Astana khai mạc", "published": "2017-01-24",
     "text": "Ngày 23/1, đàm phán hòa bình về Syria bắt đầu tại Astana với đoàn chính phủ và "
             "phe đối lập.\nTrước đó, hôm 21/1, máy bay ném bom tầm xa đã không kích các mục "
             "tiêu ở Deir Ezzor."},
    {"id": "b", "title": "Các bên ngồi chung bàn", "published": "2017-01-25",
     "text": "Cuộc đàm phán hòa bình về Syria đã bắt đầu tại Astana hôm 23/1, lần đầu có cả "
             "phe đối lập.\nXung đột ở Syria bắt đầu từ tháng 3/2011."},
]


def thoisu(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "THOISU_SEGMENTER": "syllable"}  # the timeline needs no word model
    return subprocess.run([sys.executable, "-m", "thoisu", *args], capture_output=True,
                          text=True, timeout=600, check=False, env=env, cwd=cwd)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in TWO_ARTICLES) + "\n",
                    encoding="utf-8")
    return path


def test_json_merges_the_same_event_and_orders_by_date(story: Path) -> None:
    done = thoisu("timeline", str(story), "--format", "json", "-q")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    dates = [e["date"] for e in data["timeline"]]
    assert dates == ["2011-03", "2017-01-21", "2017-01-23"]
    talks = data["timeline"][-1]
    assert len(talks["articles"]) == 2 and talks["precision"] == "day"
    assert {"date", "precision", "text", "articles", "evidence"} <= set(talks)
    assert [a["published"] for a in data["articles"]] == ["2017-01-24", "2017-01-25"]


def test_markdown_is_the_default(story: Path) -> None:
    done = thoisu("timeline", str(story))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Dòng thời gian")
    assert "- **23/1/2017** —" in done.stdout
    assert "timeline: 3 events from 2 articles" in done.stderr


def test_html_draws_the_chart_into_a_file(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.html"
    done = thoisu("timeline", str(story), "--format", "html", "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "</svg>" in html
    assert "<script" not in html
    assert "<title>23/1/2017:" in html


def test_text_without_dates_gives_an_empty_timeline(tmp_path: Path) -> None:
    page = tmp_path / "tin.txt"
    page.write_text("Không có ngày tháng\n\nBài này không nhắc tới ngày tháng nào cả, chỉ kể "
                    "chuyện một hội thảo.\n", encoding="utf-8")
    done = thoisu("timeline", str(page), "--format", "json", "-q")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["timeline"] == []
    md = thoisu("timeline", str(page), "-q")
    assert "Không tìm thấy sự kiện nào có ngày tháng" in md.stdout


def test_missing_file_is_reported_and_fails(tmp_path: Path) -> None:
    done = thoisu("timeline", str(tmp_path / "khong-co.txt"))
    assert done.returncode == 1
    assert "khong-co.txt" in done.stderr


def test_needs_a_path() -> None:
    done = thoisu("timeline")
    assert done.returncode == 2
    assert "Missing argument 'PATH...'" in done.stderr


def test_help_names_the_formats() -> None:
    done = thoisu("timeline", "--help")
    assert done.returncode == 0
    assert "md|json|html" in done.stdout


def test_seed_pages_keep_partial_dates_partial(seeds_dir: Path) -> None:
    done = thoisu("timeline", str(seeds_dir), "--format", "json", "-q")
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["timeline"]
    assert len(events) >= 15
    assert "XXXX-03-28" in [e["date"] for e in events]
    # A day without a year is either placed by its article (an approximate year, with the
    # evidence for it) or in a group at the end, never among the dated entries unmarked.
    partial = [i for i, e in enumerate(events)
               if e["precision"] == "partial" and not e.get("approximate")]
    assert partial and partial == list(range(partial[0], len(events)))
    placed = [e for e in events if "approx_year" in e]
    assert all(e["approximate"] and e["year_evidence"] for e in placed)
    assert all(e["date"].startswith("XXXX") for e in placed)  # the written date stays partial


def test_holidays_are_no_events_and_each_event_keeps_its_own_clause(tmp_path: Path) -> None:
    page = tmp_path / "cau.txt"
    page.write_text(
        "Cầu mới qua sông thông xe\n\n"
        "Cây cầu mới qua sông đã được đưa vào sử dụng từ ngày 29/4/2025, trước dịp nghỉ lễ 30/4 "
        "và 1/5.\n\nDự án được duyệt năm 2021 và khởi công đầu tháng 2/2023.\n\n"
        "Mưa lớn từ đêm 11/3/2025 đến sáng 12/3 khiến công trường phải tạm dừng.\n",
        encoding="utf-8")
    done = thoisu("timeline", str(page), "--format", "json", "-q")
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["timeline"]
    assert [(e["date"], e["text"], e.get("end")) for e in events] == [
        ("2021", "Dự án được duyệt năm 2021", None),
        ("2023-02", "Khởi công đầu tháng 2/2023", None),
        ("2025-03-11", "Mưa lớn từ đêm 11/3/2025 đến sáng 12/3 khiến công trường phải tạm dừng",
         "2025-03-12"),
        ("2025-04-29", "Cây cầu mới qua sông đã được đưa vào sử dụng từ ngày 29/4/2025", None)]
