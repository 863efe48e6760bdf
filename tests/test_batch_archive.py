"""``thoisu batch --out``: partitions on a real local cluster, resumable, Parquet out.

The corpus is invented here: news pages as text, HTML, a JSON Lines file large enough to be cut
into byte ranges, and a WARC archive (plain and gzipped), with inputs that must come out as
problems. What the batch writes must be what ``thoisu digest`` gives in one process.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from thoisu.batch.columns import article_json
from thoisu.batch.partitions import Chunk, Part, plan_partitions
from thoisu.model import Article, Problem
from thoisu.pipeline import digest, process
from thoisu.render.json_report import digest_to_json
from thoisu.settings import Settings

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

SETTINGS = Settings()

PLACES = ["Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế", "Hải Phòng", "Nha Trang", "Vinh", "Quy Nhơn"]
TOPICS = [
    ("Giá xăng giảm lần thứ ba liên tiếp tại {p}",
     "Từ 15 giờ chiều 12/3, giá xăng bán lẻ tại {p} giảm thêm {n} đồng mỗi lít. "
     "Các cửa hàng xăng dầu ở {p} cho biết lượng khách mua tăng sau khi giá giảm. "
     "Liên Bộ Công Thương và Tài chính giữ nguyên mức trích quỹ bình ổn giá."),
    ("Mưa lớn gây ngập nhiều tuyến phố ở {p}",
     "Trận mưa kéo dài từ tối qua khiến nhiều tuyến phố ở {p} ngập sâu {n} cm. "
     "Công ty thoát nước {p} đã vận hành các trạm bơm và cử công nhân khơi thông cống. "
     "Chính quyền khuyến cáo người dân hạn chế ra đường vào giờ cao điểm."),
    ("Khai mạc lễ hội hoa xuân tại {p}",
     "Tối 20/1, lễ hội hoa xuân năm nay đã khai mạc tại quảng trường trung tâm {p}. "
     "Ban tổ chức cho biết lễ hội trưng bày hơn {n} chậu hoa và cây cảnh. "
     "Lễ hội kéo dài đến hết rằm tháng Giêng với nhiều hoạt động văn hóa."),
]


def _story(topic: int, place: int, n: int) -> tuple[str, str]:
    title, body = TOPICS[topic]
    p = PLACES[place % len(PLACES)]
    return title.format(p=p), body.format(p=p, n=n)


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str]], zipped: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=zipped)
        for number, (title, body) in enumerate(pages):
            url = f"https://tin.example.vn/bai-{number}.html"
            asked = StatusAndHeaders(f"GET /bai-{number}.html HTTP/1.1",
                                     [("Host", "tin.example.vn")], is_http_request=True)
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=asked)
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", http_headers=headers,
                                               payload=io.BytesIO(_html(title, body).encode()))
            writer.write_record(record)


def make_corpus(root: Path) -> list[str]:
    tin = root / "tin"
    tin.mkdir(parents=True)
    for i in range(4):
        title, body = _story(i % 3, i, 100 + i)
        (tin / f"{i:02d}-bai.txt").write_text(f"{title}\n{body}\n", encoding="utf-8")
    title, body = _story(1, 1, 40)
    (tin / "04-bao.html").write_text(_html(title, body), encoding="utf-8")
    (tin / "05-anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    lines = []
    for i in range(12):
        title, body = _story(i % 3, i + 2, 500 + i)
        lines.append(json.dumps({"id": f"r{i}", "title": title, "text": body},
                                ensure_ascii=False))
        if i == 5:
            lines.append('{"title": "hỏng", "text": ')  # a bad line in the middle
    (tin / "06-tin.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(tin / "07-crawl.warc.gz", [_story(i % 3, i + 5, 900 + i) for i in range(5)],
               zipped=True)
    return [str(tin), str(root / "khong-co.txt")]


PARTITIONING = {"partition_files": 2, "partition_bytes": 1500}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return make_corpus(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from thoisu.batch import local_client

    with local_client(2) as c:  # real worker processes
        yield c


@pytest.fixture(scope="module")
def expected(corpus: list[str]) -> dict[str, Any]:
    problems: list[Problem] = []
    articles = list(process(corpus, SETTINGS, problems.append))
    data = digest_to_json(digest(articles, SETTINGS))
    data["problems"] = [str(p) for p in problems]
    return data


def read_out(out: Path) -> dict[str, Any]:
    articles = sorted(pq.read_table(out / "articles").to_pylist(), key=lambda r: r["position"])
    stories = sorted(pq.read_table(out / "stories").to_pylist(), key=lambda r: r["position"])
    problems = pq.read_table(out / "problems").to_pylist()
    return {"rows": articles, "articles": [article_json(r) for r in articles],
            "stories": stories, "problems": [p["message"] for p in problems]}


def story_view(story: dict[str, Any]) -> dict[str, Any]:
    """What the digest JSON and the stories dataset both say of a story."""
    return {
        "id": story["id"], "title": story["title"], "articles": list(story["articles"]),
        "joins": [(j["article"], round(j["similarity"], 4), j["reason"]) for j in story["joins"]],
        "duplicates": [(d["canonical"], d["copy"]) for d in story["duplicates"]],
        "summary": [(s["text"], s["article"], s["sentence"]) for s in story["summary"]],
        "timeline": [(e["date"], e["text"], list(e["articles"])) for e in story["timeline"]],
        "entities": [(e["name"], e["type"], e["count"]) for e in story["entities"]],
    }


def assert_same_as_digest(got: dict[str, Any], expected: dict[str, Any]) -> None:
    assert len(got["articles"]) == len(expected["articles"])
    for mine, theirs in zip(got["articles"], expected["articles"], strict=True):
        shared = set(mine) & set(theirs)
        assert {"id", "origin", "title", "paragraphs", "published", "removed",
                "published_evidence", "duplicate_of"} <= shared
        assert {k: mine[k] for k in shared} == {k: theirs[k] for k in shared}
    assert [story_view(s) for s in got["stories"]] == [story_view(s)
                                                       for s in expected["stories"]]
    assert got["problems"] == expected["problems"]


def run(corpus: list[str], client: Any, out: Path, **options: Any) -> Any:
    from thoisu.batch import run_archive

    return run_archive(corpus, SETTINGS, client, str(out), **{**PARTITIONING, **options})


# -- planning, without a cluster ----------------------------------------------------------------


def test_a_relative_path_names_the_same_partitions_as_the_absolute_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A rerun naming the input "tin/a.jsonl" after "/…/tin/a.jsonl" must reuse the finished
    # partitions, not take them all for stale ones and delete them.
    from thoisu.batch.partitions import Part as PartOf
    from thoisu.batch.partitions import fingerprint

    folder = tmp_path / "tin"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "Tin một"}\n' * 20, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    absolute = [p for p in plan_partitions([str(folder)], partition_bytes=60)
                if isinstance(p, PartOf)]
    relative = [p for p in plan_partitions(["tin"], partition_bytes=60) if isinstance(p, PartOf)]
    assert len(absolute) > 1
    assert [p.key for p in relative] == [p.key for p in absolute]
    assert ([fingerprint(p, SETTINGS) for p in relative]
            == [fingerprint(p, SETTINGS) for p in absolute])


def test_large_json_lines_are_cut_at_lines(corpus: list[str]) -> None:
    steps = plan_partitions(corpus, **PARTITIONING)
    parts = [s for s in steps if isinstance(s, Part)]
    jsonl = [c for p in parts for c in p.chunks if c.path.endswith(".jsonl")]
    assert len(jsonl) > 1 and all(not c.whole for c in jsonl)
    data = Path(jsonl[0].path).read_bytes()
    assert jsonl[0].start == 0 and jsonl[-1].end == len(data)
    for before, after in itertools.pairwise(jsonl):
        assert before.end == after.start and data[after.start - 1:after.start] == b"\n"
        assert after.first_line == data[:after.start].count(b"\n") + 1
    # a missing file is the worker's to report, as reading it in one process would
    assert isinstance(steps[-1], Part) and steps[-1].paths == [corpus[1]]
    # the same inputs give the same partitions (and keys) every time
    assert [p.key for p in parts] == [p.key for p in plan_partitions(corpus, **PARTITIONING)
                                      if isinstance(p, Part)]


@pytest.mark.parametrize("zipped", [False, True])
def test_a_warc_cut_into_ranges_reads_as_the_whole(tmp_path: Path, zipped: bool) -> None:
    from thoisu.batch.work import _range_pages
    from thoisu.read import read_file

    path = tmp_path / ("crawl.warc.gz" if zipped else "crawl.warc")
    write_warc(path, [_story(i % 3, i, i) for i in range(7)], zipped)
    parts = [p for p in plan_partitions([str(path)], partition_bytes=700) if isinstance(p, Part)]
    chunks = [c for p in parts for c in p.chunks]
    assert len(chunks) > 2

    def shown(pages: Any) -> list[tuple[Any, ...]]:
        return [(p.origin.line, p.origin.id, p.meta.get("url"), p.html) for p in pages]

    whole = shown(read_file(str(path), SETTINGS))
    assert len(whole) == 7
    assert shown(page for c in chunks for page in _range_pages(c, SETTINGS)) == whole
    if zipped:  # gzip members start where the ranges start
        for chunk in chunks:
            with open(path, "rb") as stream:
                stream.seek(chunk.start)
                assert gzip.GzipFile(fileobj=stream).read(5) == b"WARC/"


def test_a_fingerprint_names_files_version_and_analysis_settings(corpus: list[str]) -> None:
    from thoisu.batch.partitions import fingerprint

    part = next(s for s in plan_partitions(corpus, **PARTITIONING) if isinstance(s, Part))
    stamp = fingerprint(part, SETTINGS)
    assert set(stamp["files"]) == set(part.paths)
    assert stamp["analysis_version"]
    assert fingerprint(part, SETTINGS.replace(story_threshold=0.3)) == stamp  # not analysis
    assert fingerprint(part, SETTINGS.replace(tone_style="new")) != stamp


# -- on the cluster -----------------------------------------------------------------------------


def test_partitions_give_the_digest(corpus: list[str], client: Any, tmp_path: Path,
                                    expected: dict[str, Any]) -> None:
    report = run(corpus, client, tmp_path / "out")
    assert report.complete and report.partitions >= 5 and report.analysed == report.partitions
    got = read_out(tmp_path / "out")
    assert_same_as_digest(got, expected)
    # the bad file and the bad line were reported; the other partitions went on
    assert any("05-anh.txt: binary file" in p for p in got["problems"])
    assert any("06-tin.jsonl:7: invalid JSON" in p for p in got["problems"])
    assert len(got["articles"]) == 4 + 1 + 12 + 5
    ids = [r["id"] for r in got["rows"]]
    assert len(ids) == len(set(ids))
    by_story = {r["id"]: r["story_id"] for r in got["rows"]}
    for story in got["stories"]:
        assert all(by_story[i] == story["id"] for i in story["articles"])
        assert story["article_count"] == len(story["articles"]) and story["summary"]
    # the schema is typed and documented
    schema = pq.read_schema(next((tmp_path / "out" / "articles").glob("*.parquet")))
    import pyarrow as pa

    assert schema.field("paragraphs").type.equals(pa.list_(pa.string()))
    assert schema.field("story_id").metadata[b"doc"]


def test_a_second_run_reuses_every_partition_and_an_edit_redoes_one(
        corpus: list[str], client: Any, tmp_path: Path, expected: dict[str, Any]) -> None:
    out = tmp_path / "out"
    first = run(corpus, client, out)
    again = run(corpus, client, out)
    assert (again.reused, again.analysed) == (first.partitions, 0)
    assert "stories" not in again.seconds  # nothing changed: the datasets stand
    assert again.stories == first.stories and again.complete
    assert_same_as_digest(read_out(out), expected)
    text = Path(corpus[0]) / "00-bai.txt"
    original = text.read_text(encoding="utf-8")
    try:
        text.write_text(original.replace("giảm", "tăng"), encoding="utf-8")
        edited = run(corpus, client, out)
        assert (edited.reused, edited.analysed) == (first.partitions - 1, 1)
        titles = [r["title"] for r in read_out(out)["rows"]]
        assert titles[0].startswith("Giá xăng tăng")
    finally:
        text.write_text(original, encoding="utf-8")


def test_a_changed_analysis_version_redoes_everything(
        corpus: list[str], client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thoisu.batch import partitions

    out = tmp_path / "out"
    first = run(corpus, client, out)
    monkeypatch.setattr(partitions, "analysis_version", lambda: "another analysis")
    again = run(corpus, client, out)
    assert (again.reused, again.analysed) == (0, first.partitions)


def test_a_killed_worker_loses_partitions_and_a_rerun_completes(
        corpus: list[str], client: Any, tmp_path: Path, expected: dict[str, Any]) -> None:
    out = tmp_path / "out"
    scheduler = client.cluster.scheduler
    failures = scheduler.allowed_failures
    scheduler.allowed_failures = 0  # a task on a killed worker fails instead of moving on
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        done = out / "_batch" / "done"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy and done.is_dir() and any(done.iterdir()):
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.02)

    watcher = threading.Thread(target=kill_a_busy_worker)
    watcher.start()
    try:
        first = run(corpus, client, out, partition_files=1, partition_bytes=600)
    finally:
        watcher.join()
        scheduler.allowed_failures = failures
    assert killed
    rerun = run(corpus, client, out, partition_files=1, partition_bytes=600)
    assert rerun.complete and rerun.lost == 0
    # a partition whose marker was written just before its worker died is reused, not redone
    assert rerun.reused + rerun.analysed == first.partitions
    assert rerun.reused >= first.partitions - first.lost and rerun.analysed <= first.lost
    if first.lost:
        assert not first.complete
        assert any("could not be processed on the Dask cluster" in str(p)
                   for p in first.problems)
    got = read_out(out)
    ids = [r["id"] for r in got["rows"]]
    assert len(ids) == len(set(ids))  # no duplicate rows
    assert_same_as_digest(got, expected)


def thoisu(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "THOISU_CONFIG": "/nonexistent/thoisu.toml"}
    return subprocess.run([sys.executable, "-m", "thoisu", *args], capture_output=True,
                          text=True, timeout=600, check=False, env=env, **kw)


def test_the_parquet_files_read_back_into_the_digest_json(
        corpus: list[str], client: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = thoisu("batch", *corpus, "--out", str(out), "--scheduler", client.scheduler.address,
                  "--partition-size", "2", "--partition-bytes", "1500")
    assert done.returncode == 1, done.stderr  # the bad line and the missing file failed
    assert done.stdout.startswith("22 articles, ")
    made = thoisu("digest", *corpus, "--format", "json", "-q")
    data = json.loads(made.stdout)
    rows = read_out(out)
    assert rows["articles"] == [{k: a[k] for k in rows["articles"][0]} for a in data["articles"]]
    assert [story_view(s) for s in rows["stories"]] == [story_view(s) for s in data["stories"]]
    # problems printed in input order, as digest prints them
    assert [line for line in done.stderr.splitlines() if line.startswith("thoisu:")] == [
        line for line in made.stderr.splitlines() if line.startswith("thoisu:")]


def _group_members(pgid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getpgid(int(name)) == pgid:
                    found.append(int(name))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_ctrl_c_stops_leaves_no_process_and_the_rerun_completes(
        corpus: list[str], tmp_path: Path, expected: dict[str, Any]) -> None:
    out = tmp_path / "out"
    args = ["batch", *corpus, "--out", str(out), "--workers", "2", "--partition-size", "1",
            "--partition-bytes", "600"]
    env = {**os.environ, "THOISU_CONFIG": "/nonexistent/thoisu.toml"}
    command = subprocess.Popen([sys.executable, "-m", "thoisu", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    done = out / "_batch" / "done"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (done.is_dir() and any(done.iterdir())):
        time.sleep(0.05)
    command.send_signal(signal.SIGINT)
    _, err = command.communicate(timeout=120)
    assert command.returncode == 130, err
    assert "run the same command again to go on" in err
    assert _group_members(command.pid) == []
    rerun = thoisu(*args)
    assert rerun.returncode == 1, rerun.stderr
    assert "reused" in rerun.stderr
    assert_same_as_digest(read_out(out), expected)


def test_chunks_name_their_range() -> None:
    assert Chunk("tin.jsonl", 10, 20, 3).label() == "tin.jsonl [bytes 10-20]"
    assert Chunk("tin.txt").whole


def test_articles_keep_their_position_across_buckets(corpus: list[str], client: Any,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, client, out)
    rows = read_out(out)["rows"]
    assert [r["position"] for r in rows] == list(range(len(rows)))
    assert all(isinstance(r["origin"]["path"], str) for r in rows)
    assert not any(isinstance(r, Article) for r in rows)
