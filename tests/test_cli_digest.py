"""``thoisu digest`` and ``thoisu clean`` through the real entry point (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE_KEYS = {"id", "origin", "title", "lead", "paragraphs", "captions", "byline", "source",
                "published", "removed"}


def thoisu(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thoisu", *args], input=stdin.decode()
                          if stdin is not None else None, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def seeds_digest(seeds_dir: Path) -> dict:
    done = thoisu("digest", str(seeds_dir), "--format", "json", "-q")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_contract_on_the_seed_pages(seeds_digest: dict) -> None:
    articles = seeds_digest["articles"]
    # five pages, one of which carries a second full article
    assert len(articles) == 6
    for article in articles:
        assert set(article) >= ARTICLE_KEYS
        assert set(article["origin"]) == {"path", "line", "id"}
        assert isinstance(article["paragraphs"], list) and article["paragraphs"]
        for removed in article["removed"]:
            assert set(removed) >= {"text", "role", "rule"} and removed["rule"]
    ids = {a["id"] for a in articles}
    assert len(ids) == len(articles)
    stories = seeds_digest["stories"]
    assert stories, "the seed pages make at least one story"
    grouped = [aid for s in stories for aid in s["articles"]]
    assert sorted(grouped) == sorted(ids), "every article is in exactly one story"


def test_summaries_cite_real_sentences(seeds_digest: dict) -> None:
    by_id = {a["id"]: a for a in seeds_digest["articles"]}
    biggest = max(seeds_digest["stories"], key=lambda s: len(s["articles"]))
    assert len(biggest["articles"]) >= 4, "the Syria pages are one story"
    assert biggest["summary"], "a story of several articles gets a summary"
    for sent in biggest["summary"]:
        assert sent["article"] in biggest["articles"]
        article = by_id[sent["article"]]
        body = " ".join([article["lead"], *article["paragraphs"]])
        assert sent["text"] in body
    assert biggest["timeline"] and biggest["entities"]
    for event in biggest["timeline"]:
        assert set(event) >= {"date", "text", "articles"}
        assert set(event["articles"]) <= set(biggest["articles"])
    names = {e["name"] for e in biggest["entities"]}
    assert {"Nga", "Syria"} <= names


def test_sidebar_and_related_news_never_reach_the_articles(seeds_digest: dict) -> None:
    for article in seeds_digest["articles"]:
        text = " ".join(article["paragraphs"])
        assert "Tin liên quan" not in text
        assert "Video đang HOT" not in text
        assert "Mời quý độc giả" not in text


def test_markdown_and_html_reports(tmp_path: Path, examples_dir: Path) -> None:
    out = tmp_path / "digest.html"
    done = thoisu("digest", str(examples_dir), "--format", "html", "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<svg" in html
    done = thoisu("digest", str(examples_dir), "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# thoisu digest")


def test_bad_file_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "tin.txt"
    good.write_text("Hà Nội mưa lớn\n\nChiều 12/3, một trận mưa lớn đổ xuống Hà Nội. "
                    "Nhiều tuyến phố bị ngập sâu.\n\nGiao thông ùn tắc kéo dài.\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a1", "title": "Tin một", "text": "Nội dung bài một. Câu hai."}\n'
                   '{"id": "a2", "title": \n', encoding="utf-8")
    done = thoisu("digest", str(good), str(bad), "--format", "json")
    assert done.returncode == 1
    assert f"{bad}:2: invalid JSON" in done.stderr
    assert "pages: 2 read, 0 skipped, 1 failed" in done.stderr
    titles = {a["title"] for a in json.loads(done.stdout)["articles"]}
    assert titles == {"Hà Nội mưa lớn", "Tin một"}


def test_clean_explain_shows_roles(seed_paths: list[Path]) -> None:
    done = thoisu("clean", str(seed_paths[2]), "--explain")
    assert done.returncode == 0, done.stderr
    roles = {line.split()[1] for line in done.stdout.splitlines()[1:] if line.strip()}
    assert {"title", "lead", "body", "boilerplate"} <= roles


def test_stdin_is_read(tmp_path: Path) -> None:
    page = "Tiêu đề thử\n\nĐây là đoạn mở đầu của bài. Nó có hai câu.\n\nĐoạn thân bài.\n"
    done = thoisu("clean", "-", stdin=page.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Tiêu đề thử")


def test_words_flag_lists_segmented_sentences(examples_dir: Path) -> None:
    page = examples_dir / "cau-hai-au-dathanh.txt"
    plain = json.loads(thoisu("digest", str(page), "--format", "json", "-q").stdout)
    assert "sentences" not in plain["articles"][0]
    done = thoisu("digest", str(page), "--format", "json", "-q", "--words")
    assert done.returncode == 0, done.stderr
    sentences = json.loads(done.stdout)["articles"][0]["sentences"]
    assert sentences and all(s["words"] for s in sentences)
    assert any("_" in w for s in sentences for w in s["words"]), "multi-syllable words joined"


def test_worker_processes_give_the_same_digest(examples_dir: Path) -> None:
    one = thoisu("digest", str(examples_dir), "--format", "json", "-q")
    two = thoisu("digest", str(examples_dir), "--format", "json", "-q", "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_articles_carry_their_dates_names_and_mentions(seeds_digest: dict) -> None:
    for article in seeds_digest["articles"]:
        assert list(article)[-3:] == ["dates", "entities", "mentions"]
    article = max(seeds_digest["articles"], key=lambda a: len(a["dates"]))
    assert article["dates"] and article["entities"] and article["mentions"]
    for date in article["dates"]:
        assert set(date) >= {"text", "start", "end", "type", "value", "sentence"}
    names = {e["name"] for e in article["entities"]}
    assert {m["name"] for m in article["mentions"]} <= names


def test_stats_count_each_stage(tmp_path: Path, examples_dir: Path) -> None:
    out = tmp_path / "dem.json"
    done = thoisu("digest", str(examples_dir), "--format", "json", "-q", "--stats", str(out))
    assert done.returncode == 0, done.stderr
    stats = json.loads(out.read_text(encoding="utf-8"))
    assert list(stats) == ["read", "clean", "analyse", "stories"]
    digest = json.loads(done.stdout)
    # (a JSON Lines file holds several pages)
    assert stats["read"]["pages read"] >= len({a["origin"]["path"] for a in digest["articles"]})
    assert stats["read"]["pages failed"] == stats["read"]["pages skipped"] == 0
    assert stats["clean"]["articles"] == stats["analyse"]["articles"] == len(digest["articles"])
    removed = sum(v for k, v in stats["clean"].items() if k.startswith("removed: "))
    assert removed == sum(len(a["removed"]) for a in digest["articles"])
    dated = sum(v for k, v in stats["analyse"].items() if k.startswith("dated by: "))
    assert dated == len(digest["articles"])
    assert stats["analyse"]["names"] == sum(len(a["entities"]) for a in digest["articles"])
    assert stats["stories"]["stories made"] == len(digest["stories"])
    assert stats["stories"]["copies found"] == sum(len(s["duplicates"])
                                                   for s in digest["stories"])
    shown = thoisu("digest", str(examples_dir), "-q", "--stats", "-", "-o",
                   str(tmp_path / "x.md"))
    assert "dated by: metadata" in shown.stderr and shown.stderr.startswith("read\n")
