"""One written form (issue #24): every record round-trips through ``to_record`` /
``from_record`` and JSON, and the digest JSON, the store and the Parquet rows show one story
the same facts (span of comparable dates, outlets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from thoisu.batch.columns import story_row
from thoisu.cli import cli
from thoisu.model import (
    Article,
    Claim,
    DateEvidence,
    Disagreement,
    Event,
    PartialDate,
    Story,
    SummarySentence,
)
from thoisu.pipeline import digest, process
from thoisu.render.json_report import digest_to_json
from thoisu.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _through_json(record: dict) -> dict:
    return json.loads(json.dumps(record, ensure_ascii=False))


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    settings = Settings()
    articles = list(process([str(EXAMPLES)], settings, on_problem=lambda p: None))
    return digest(articles, settings)


def test_analysed_articles_round_trip_every_field(result) -> None:  # type: ignore[no-untyped-def]
    assert result.articles
    for article in result.articles:
        assert article.sentences and article.analysis_version
        back = Article.from_record(_through_json(article.to_record()))
        assert back == article


def test_described_stories_round_trip_every_field(result) -> None:  # type: ignore[no-untyped-def]
    for story in result.stories:
        assert story.analysis_version is not None
        assert Story.from_record(_through_json(story.to_record())) == story


def test_a_hand_made_story_keeps_events_claims_and_approximate_years() -> None:
    story = Story(
        "s-1", "Lũ ở miền Trung", ["a", "b"], teaser="Nước rút ở Huế",
        summary=[SummarySentence("Nước đã rút.", "a", 2, 0.75)],
        timeline=[Event(PartialDate(None, 3, 15), "Mưa lớn bắt đầu", ["a"],
                        approx_year=2016, approximate=True, year_evidence="bài b")],
        outlets=["Tin Sông Hương"], span_start=PartialDate(2016, 3, 14),
        span_end=PartialDate(2016, 3, 16), latest=PartialDate(2016, 3, 16),
        disagreements=[Disagreement("figure", "số nhà bị ngập", [
            Claim("1500", "Nước ngập 1.500 ngôi nhà.", "a", 3, "Tin Sông Hương"),
            Claim("1200", "Hơn 1.200 nhà bị ngập.", "b", 1, "Phương Nam")], "cùng danh từ")],
        analysis_version="v")
    assert Story.from_record(_through_json(story.to_record())) == story
    evidence = DateEvidence(PartialDate(2016, 3, 16), 0.97, ["metadata"])
    assert DateEvidence.from_record(_through_json(evidence.to_record())) == evidence


def test_a_story_shows_one_span_in_the_digest_the_store_and_parquet(
        result, tmp_path) -> None:  # type: ignore[no-untyped-def]
    story = max(result.stories, key=lambda s: len(s.articles))
    assert story.span_start is not None and story.outlets
    shown = next(s for s in digest_to_json(result)["stories"] if s["id"] == story.id)
    spans = {"digest": (shown["span_start"], shown["span_end"])}
    by_id = {a.id: a for a in result.articles}
    row = story_row(story, 0, [by_id[i] for i in story.articles])
    spans["parquet"] = (row["first_published"], row["last_published"])
    db = f"sqlite:///{tmp_path / 'tin.db'}"
    out = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "-q"])
    assert out.exit_code == 0, out.output
    out = CliRunner().invoke(cli, ["stories", "show", story.id, "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    stored = json.loads(out.output)
    spans["store"] = (stored["first"], stored["last"])
    assert len(set(spans.values())) == 1, spans
    assert stored["outlets"] == shown["outlets"] == row["outlets"] == story.outlets
