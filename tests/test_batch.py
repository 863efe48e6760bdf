"""Batch processing on Dask: a real local cluster of two worker processes, shared by the module.

The corpus is written here: Vietnamese pages in every reader format, plus inputs that must come
out as problems (a bad JSON line, a record without text, a binary file, an empty file, an empty
folder). ``run_batch`` must give what :func:`thoisu.pipeline.process` gives in one process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from thoisu.batch import Chunk, Part, lost_partition, plan_partitions, run_batch
from thoisu.model import Article, Problem
from thoisu.pipeline import process
from thoisu.settings import Settings

pytest.importorskip("distributed")

SETTINGS = Settings(segment_words=True)  # so the workers must load their own segmenter

MUA = """Hà Nội mưa lớn suốt đêm, nhiều tuyến phố ngập sâu
Trận mưa kéo dài từ tối thứ Hai đến sáng thứ Ba khiến nhiều tuyến phố nội thành ngập nước.
Theo đài khí tượng, lượng mưa đo được ở quận Hoàn Kiếm vượt 150 mm, cao nhất từ đầu mùa.
Hàng trăm xe máy chết máy giữa đường, người đi làm phải dắt bộ qua những đoạn nước sâu.
Công ty thoát nước cho biết đã vận hành các trạm bơm lớn và cử công nhân khơi thông cống.
Chính quyền thành phố khuyến cáo người dân hạn chế ra đường vào giờ cao điểm buổi sáng.
"""

BAO = """<html><head><meta charset="utf-8"><title>Bão số 3 đổ bộ vào Quảng Ninh</title></head>
<body><article><h1>Bão số 3 đổ bộ vào Quảng Ninh</h1>
<p>Chiều 24/7, bão số 3 đã đổ bộ vào vùng biển Quảng Ninh với sức gió mạnh cấp 10.</p>
<p>Ban chỉ huy phòng chống thiên tai tỉnh đã sơ tán hơn 5.000 hộ dân khỏi vùng ven biển.</p>
<p>Tàu thuyền được gọi về nơi tránh trú an toàn từ hai ngày trước khi bão vào bờ.</p>
<p>Nhiều cây xanh bị quật đổ trên các tuyến đường chính của thành phố Hạ Long.</p>
</article></body></html>
"""

RECORDS = [
    {"id": "gia-vang", "title": "Giá vàng tăng mạnh trong phiên sáng nay",
     "text": "Giá vàng miếng trong nước tăng thêm nửa triệu đồng mỗi lượng so với hôm qua.\n"
             "Các doanh nghiệp kinh doanh vàng cho biết lượng khách mua vào tăng rõ rệt.\n"
             "Giới phân tích cho rằng giá vàng thế giới là nguyên nhân chính của đợt tăng này."},
    {"id": "tau-cao-toc", "title": "Khởi công tuyến đường sắt tốc độ cao",
     "text": "Bộ Giao thông Vận tải vừa khởi công đoạn đầu tiên của tuyến đường sắt tốc độ cao.\n"
             "Tuyến đường dài hơn 1.500 km, nối liền Hà Nội với Thành phố Hồ Chí Minh.\n"
             "Dự án dự kiến hoàn thành trong mười năm và giảm mạnh thời gian đi lại."},
]

TRUONG = """Học sinh Đà Nẵng được miễn học phí từ năm học mới
Hội đồng nhân dân thành phố Đà Nẵng vừa thông qua nghị quyết miễn học phí cho học sinh phổ thông.
Chính sách áp dụng từ tháng 9 năm nay, với kinh phí khoảng 300 tỷ đồng mỗi năm.
Phụ huynh ở nhiều quận cho biết khoản tiết kiệm này giúp gia đình bớt gánh nặng chi tiêu.
Sở Giáo dục và Đào tạo sẽ hướng dẫn các trường thực hiện trước ngày khai giảng.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("batch")
    tin = root / "tin"
    (tin / "con").mkdir(parents=True)
    (tin / "1-mua.txt").write_text(MUA, encoding="utf-8")
    (tin / "2-bao.html").write_text(BAO, encoding="utf-8")
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), '{"title": "hỏng", "text": ',
             json.dumps({"title": "không có nội dung"}, ensure_ascii=False),
             json.dumps(RECORDS[1], ensure_ascii=False)]
    (tin / "3-tin.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tin / "4-anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tin / "5-rong.txt").write_bytes(b"")
    (tin / "con" / "6-truong.txt").write_text(TRUONG, encoding="utf-8")
    empty = root / "trong"
    empty.mkdir()
    return [str(tin), str(empty), str(root / "khong-co.txt")]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from thoisu.batch import local_client

    with local_client(2) as c:
        yield c


def shape(items: list[Article | Problem]) -> list[str]:
    return [f"article {x.id} {x.origin}" if isinstance(x, Article) else f"{x.kind}: {x}"
            for x in items]


@pytest.fixture(scope="module")
def expected(corpus: list[str]) -> list[Article | Problem]:
    out: list[Article | Problem] = []
    out.extend(process(corpus, SETTINGS, out.append))
    return out


def test_same_articles_and_problems_as_in_one_process(
        corpus: list[str], client: object, expected: list[Article | Problem]) -> None:
    got = list(run_batch(corpus, SETTINGS, client, partition_size=2))  # type: ignore[arg-type]
    assert shape(got) == shape(expected)
    articles = [x for x in got if isinstance(x, Article)]
    assert len(articles) == 5
    # analysed on the workers, with their own segmenter
    for article in articles:
        assert article.sentences and all(s.words for s in article.sentences)
    assert any("_" in w for a in articles for s in a.sentences for w in s.words or [])
    reasons = [str(x) for x in got if isinstance(x, Problem)]
    assert any("3-tin.jsonl:2: invalid JSON" in r for r in reasons)
    assert any("3-tin.jsonl:3: record has no" in r for r in reasons)
    assert any("4-anh.txt: binary file" in r for r in reasons)
    assert any("5-rong.txt: empty file" in r for r in reasons)
    assert any("trong: no .txt" in r for r in reasons)
    assert any("khong-co.txt: no such file" in r for r in reasons)


@pytest.mark.parametrize("size", [1, 100])
def test_order_does_not_depend_on_partitions(
        corpus: list[str], client: object, expected: list[Article | Problem], size: int) -> None:
    pages: list[int] = []
    got = list(run_batch(corpus, SETTINGS, client, partition_size=size,  # type: ignore[arg-type]
                         window=1 if size == 1 else None, on_pages=pages.append))
    assert shape(got) == shape(expected)
    assert sum(pages) == 5  # 1-mua, 2-bao, two JSON records, 6-truong


def test_no_client_means_the_default_one(corpus: list[str], client: object,
                                         expected: list[Article | Problem]) -> None:
    from distributed import default_client

    assert default_client() is client
    assert shape(list(run_batch(corpus[1:], SETTINGS))) == shape(
        [x for x in expected if not str(getattr(x, "origin", x)).startswith(corpus[0])])


def test_stopping_early_cancels_the_rest(corpus: list[str], client: object) -> None:
    items = run_batch(corpus, SETTINGS, client, partition_size=1)  # type: ignore[arg-type]
    first = next(items)
    items.close()
    assert isinstance(first, Article) and first.origin.path.endswith("1-mua.txt")


# Planning and lost work, without a cluster


def test_run_batch_plans_with_the_archive_planner_and_keeps_problems_in_place(
        tmp_path: Path) -> None:
    names = ["a.txt", "b.txt", "c.txt", "lon.txt", "d.txt"]
    for name in names:
        (tmp_path / name).write_text("x" * (5000 if name == "lon.txt" else 10))
    paths = [str(tmp_path / n) for n in names]
    steps = plan_partitions([*paths[:2], "-", *paths[2:]], partition_files=2,
                            partition_bytes=1000)
    shown = [[Path(f).name for f in s.paths] if isinstance(s, Part) else str(s)
             for s in steps]
    assert shown[0] == ["a.txt", "b.txt"]
    assert shown[1].startswith("<stdin>: standard input cannot be sent to Dask workers")
    assert shown[2:] == [["c.txt"], ["lon.txt"], ["d.txt"]]
    assert [s.index for s in steps if isinstance(s, Part)] == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="must be at least 1"):
        plan_partitions(paths, partition_files=0)


def test_a_lost_partition_is_a_problem_per_file() -> None:
    lost = lost_partition(Part(3, [Chunk("tin/a.txt"), Chunk("tin/b.txt", 0, 100),
                                   Chunk("tin/b.txt", 100, 200)]),
                          RuntimeError("Attempted to run task on 3 workers, all died"))
    assert [str(p) for p in lost] == [
        f"tin/{n}.txt: could not be processed on the Dask cluster (RuntimeError: Attempted to "
        "run task on 3 workers, all died); run the batch again, or 'thoisu ingest' this file"
        for n in "ab"]
    assert all(p.kind == "failed" for p in lost)


# The command, through the real entry point


def thoisu(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thoisu", *args], capture_output=True,
                          text=True, timeout=300, check=False, env=env)


def test_batch_command_fills_the_store(corpus: list[str], tmp_path: Path, client: object,
                                       expected: list[Article | Problem]) -> None:
    db = f"sqlite:///{tmp_path / 'tin.db'}"
    env = {**os.environ, "THOISU_CONFIG": str(tmp_path / "none.toml")}
    address = client.scheduler.address  # type: ignore[attr-defined]
    done = thoisu("batch", *corpus, "--db", db, "--scheduler", address, "--partition-size",
                  "2", env=env)
    assert done.returncode == 1, done.stderr  # the bad JSON line and the missing file failed
    assert done.stdout == "5 added, 0 already in the store\n"
    problems = [f"thoisu: {x.kind}: {x}" for x in expected if isinstance(x, Problem)]
    skipped = sum(1 for x in expected if isinstance(x, Problem) and x.kind == "skipped")
    failed = len(problems) - skipped
    assert (skipped, failed) == (3, 3)
    lines = done.stderr.splitlines()
    # problems in input order, as ingest reports them, between the progress lines
    assert [line for line in lines if line.startswith("thoisu: ")] == problems
    assert lines[-1] == "pages: 5 read, 3 skipped, 3 failed"
    assert any(re.match(r"batch: partitions (\d+)/\1 · 5 articles · [\d.]+ articles/s · 6 "
                        "problems", line) for line in lines), lines
    listed = thoisu("articles", "--db", db, "--format", "json", env=env)
    assert listed.returncode == 0, listed.stderr
    ids = [x.id for x in expected if isinstance(x, Article)]
    assert [a["id"] for a in json.loads(listed.stdout)] == ids
    # every stored article is in exactly one story
    from thoisu.store import Store

    with Store.open(db) as store:
        stored = store.list_stories()
    assert sorted(i for story in stored for i in story.articles) == sorted(ids)
    assert f"stories: {len(stored)} new or changed" in lines  # a new store: all are new


def test_missing_dask_says_what_to_install(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['distributed'] = None; from thoisu.cli import main; "
            "sys.argv = ['thoisu', 'batch', 'tin/']; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == ("Error: batch processing needs Dask, which is not installed; "
                           "pip install 'thoisu[dask]'\n")


def test_batch_command_on_a_running_scheduler(corpus: list[str], client: object,
                                              tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'tin.db'}"
    env = {**os.environ, "THOISU_CONFIG": str(tmp_path / "none.toml")}
    address = client.scheduler.address  # type: ignore[attr-defined]
    done = thoisu("batch", *corpus, "--db", db, "--scheduler", address, "-q", env=env)
    assert done.stdout == "5 added, 0 already in the store\n", done.stderr
    assert done.stderr.splitlines()[-1] == "pages: 5 read, 3 skipped, 3 failed"
    assert not any(line.startswith(("stories:", "batch:")) for line in done.stderr.splitlines())
    again = thoisu("batch", corpus[0], "--db", db, "--scheduler", address, "-q", env=env)
    assert again.stdout == "0 added, 5 already in the store\n"
    both = thoisu("batch", corpus[0], "--scheduler", address, "--workers", "2", env=env)
    assert both.returncode == 2
    assert "--workers is for the local cluster; leave it out with --scheduler" in both.stderr
