"""Where readers see disagreements (issue #23): the store keeps them, the digest (JSON,
Markdown, HTML), ``thoisu stories show``, the API and the web story page show them, and a
story without any shows nothing. The examples' flood story is checked as decided: "1.500 ngôi
nhà" and "1.200 hộ" count different things."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from thoisu.cli import cli
from thoisu.model import Article, Digest, Origin, PartialDate, Story
from thoisu.pipeline import analyse, describe_story
from thoisu.render.html_report import digest_html
from thoisu.render.json_report import digest_to_json
from thoisu.render.markdown import digest_markdown
from thoisu.settings import Settings

SETTINGS = Settings(segmenter="syllable")
HEADING = "Các nguồn nói khác nhau"
A = ("Vụ cháy xưởng gỗ ở Tân Uyên làm 12 người chết và 5 người bị thương.",
     "Lực lượng cứu hỏa mất bốn giờ mới khống chế được đám cháy.")
B = ("Vụ cháy xưởng gỗ ở Tân Uyên khiến 15 người chết và 5 người bị thương.",
     "Lực lượng cứu hỏa mất bốn giờ mới khống chế được đám cháy.")


def _article(aid: str, outlet: str, paragraphs: tuple[str, ...]) -> Article:
    return analyse(Article(aid, Origin(f"{aid}.txt"), title=f"Cháy xưởng gỗ ({outlet})",
                           paragraphs=list(paragraphs), source=outlet,
                           published=PartialDate(2025, 8, 14)), SETTINGS)


@pytest.fixture(scope="module")
def described() -> tuple[Story, list[Article]]:
    members = [_article("a", "Báo Sông Bé Mẫu", A), _article("b", "Tin Miền Đông", B)]
    story = describe_story(Story("s-a", "Cháy xưởng gỗ", ["a", "b"]), members, SETTINGS)
    return story, members


def test_describe_story_fills_disagreements(described: tuple[Story, list[Article]]) -> None:
    story, _ = described
    assert [(d.kind, [c.value for c in d.claims]) for d in story.disagreements] == [
        ("figure", ["12", "15"])]


def test_digest_json_markdown_and_html(described: tuple[Story, list[Article]]) -> None:
    story, members = described
    digest = Digest(members, [story])
    data = digest_to_json(digest)["stories"][0]["disagreements"]
    assert data[0]["kind"] == "figure" and data[0]["about"] == "số người chết"
    assert [(c["value"], c["article"], c["sentence"]) for c in data[0]["claims"]] == [
        ("12", "a", 0), ("15", "b", 0)]
    text = digest_markdown(digest)
    assert f"### {HEADING}" in text and "Báo Sông Bé Mẫu [1] nói «12»" in text
    assert "vì sao ghép" not in text
    assert "vì sao ghép" in digest_markdown(digest, explain=True)
    html = digest_html(digest)
    assert HEADING in html and 'href="#a-b"' in html


def test_a_story_without_disagreements_shows_nothing(
        described: tuple[Story, list[Article]]) -> None:
    _, members = described
    quiet = Story("s-q", "Một nguồn", ["a"])
    describe_story(quiet, members[:1], SETTINGS)
    digest = Digest(members[:1], [quiet])
    assert quiet.disagreements == []
    assert HEADING not in digest_markdown(digest) and HEADING not in digest_html(digest)
    assert digest_to_json(digest)["stories"][0]["disagreements"] == []


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory,
       described: tuple[Story, list[Article]]) -> str:
    from thoisu.store import Store

    story, members = described
    url = f"sqlite:///{tmp_path_factory.mktemp('dis') / 'tin.db'}"
    with Store.open(url) as store:
        store.add_articles(members)
        store.save_stories([story])
        store.save_derived([story])
    return url


def test_store_keeps_them(db: str, described: tuple[Story, list[Article]]) -> None:
    from thoisu.store import Store

    story, _ = described
    with Store.open(db) as store:
        back = store.get_story(story.id)
    assert back is not None
    assert [d.to_json() for d in back.disagreements] == [d.to_json() for d in story.disagreements]


def test_stories_show_prints_the_section(db: str) -> None:
    result = CliRunner().invoke(cli, ["stories", "show", "s-a", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"{HEADING}:" in result.output and "Tin Miền Đông «15»" in result.output
    assert "vì sao ghép" not in result.output
    explained = CliRunner().invoke(cli, ["stories", "show", "s-a", "--db", db, "--explain"])
    assert "vì sao ghép: cùng đếm «người»" in explained.output
    as_json = CliRunner().invoke(cli, ["stories", "show", "s-a", "--db", db, "--format", "json"])
    assert json.loads(as_json.output)["disagreements"][0]["claims"][1]["article"] == "b"


def test_api_and_web_page(db: str) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from thoisu.web import create_app

    with TestClient(create_app(db, SETTINGS)) as client:
        data = client.get("/api/stories/s-a").json()
        assert data["disagreements"][0]["claims"][0]["value"] == "12"
        page = client.get("/stories/s-a").text
    assert HEADING in page and "#s0" in page and "Vì sao ghép" in page


def test_examples_flood_houses_and_households_are_not_paired(examples_dir: Path) -> None:
    from thoisu.pipeline import digest, process

    paths = [str(p) for p in sorted(examples_dir.glob("hue-ngap-*"))]
    result = digest(process(paths, SETTINGS, lambda problem: None), SETTINGS)
    flood = [s for s in result.stories if len(s.articles) > 1]
    assert flood, "the flood pages should make one story"
    assert all(s.disagreements == [] for s in flood)
