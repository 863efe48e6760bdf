"""Per-article analysis stages (thoisu.analyse) and the story stages reading their record."""

from __future__ import annotations

from pathlib import Path

import pytest

import thoisu.dates.published
from thoisu.analyse import (
    ANALYSIS_VERSION,
    NAMES,
    PUBLISHED,
    SENTENCES,
    TIME_EXPRESSIONS,
    PipelineError,
    Stage,
    TooLarge,
    analyse_article,
    article_stages,
    check_pipeline,
)
from thoisu.model import Article, DateEvidence, Origin, PartialDate, Problem
from thoisu.pipeline import analyse, process, settle_dates
from thoisu.settings import Settings


def bai(**kw: object) -> Article:
    fields = dict(id="a1", origin=Origin("bai.txt"), title="Mưa lớn ở Huế",
                  lead="Sáng nay, mưa lớn kéo dài ở Huế.", meta={"published": "2017-03-12"},
                  paragraphs=["Ông Nguyễn Văn An cho biết hôm qua nước đã dâng cao."])
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_the_stages_fill_every_field_once() -> None:
    article = analyse_article(bai(), Settings())
    assert article.analysis_version == ANALYSIS_VERSION
    assert [s.paragraph for s in article.sentences] == [0, 1]
    assert article.published == PartialDate(2017, 3, 12)
    assert article.published_evidence is not None
    # "hôm qua" anchored on the publication date found by the stage before
    values = {(d.text.lower(), d.value, d.sentence) for d in article.dates}
    assert ("hôm qua", "2017-03-11", 1) in values
    assert {e.name for e in article.entities} >= {"Huế", "Nguyễn Văn An"}
    assert all(m.sentence in (None, 0, 1) for m in article.mentions)


def test_words_only_when_asked() -> None:
    names = [s.name for s in article_stages(Settings(segment_words=True))]
    assert names[:2] == ["sentences", "words"]
    assert "words" not in [s.name for s in article_stages(Settings())]


def test_a_stage_before_what_it_needs_is_named() -> None:
    with pytest.raises(PipelineError, match="'time expressions' requires 'sentences'"):
        check_pipeline([PUBLISHED, TIME_EXPRESSIONS, SENTENCES])
    with pytest.raises(PipelineError, match="'time expressions' requires 'published'"):
        check_pipeline([SENTENCES, TIME_EXPRESSIONS])
    check_pipeline([SENTENCES, PUBLISHED, TIME_EXPRESSIONS, NAMES])


def test_a_stage_naming_no_field_of_the_record_is_refused() -> None:
    odd = Stage("odd", ("sentences",), ("colour",), lambda a, s: None)
    with pytest.raises(PipelineError, match="'colour', which is not a field"):
        check_pipeline([SENTENCES, odd])


def test_pipeline_analyse_is_the_same_analysis() -> None:
    assert analyse(bai(), Settings()) == analyse_article(bai(), Settings())


def test_a_date_given_with_the_article_is_kept() -> None:
    article = analyse_article(bai(published=PartialDate(2017, 3, 13)), Settings())
    assert article.published == PartialDate(2017, 3, 13)
    assert article.published_evidence is None
    assert ("hôm qua", "2017-03-12") in {(d.text.lower(), d.value) for d in article.dates}


def test_an_overlong_article_is_one_problem_line(tmp_path: Path) -> None:
    page = tmp_path / "dai.txt"
    page.write_text("Tin rất dài\n\n" + "Hà Nội ngày 12/3/2017 mưa lớn. " * 400 + "\n",
                    encoding="utf-8")
    with pytest.raises(TooLarge, match="max_article_chars"):
        analyse_article(bai(paragraphs=["x" * 2000]), Settings(max_article_chars=1000))
    problems: list[Problem] = []
    got = list(process([str(page)], Settings(max_article_chars=5000), problems.append))
    assert got == []
    assert len(problems) == 1 and problems[0].kind == "skipped"
    assert "dai.txt" in str(problems[0]) and "over the per-article limit" in str(problems[0])


def test_settling_reads_the_recorded_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    dated = analyse_article(bai(), Settings())
    undated = analyse_article(bai(id="a2", lead="Sáng 13/3, mưa vẫn kéo dài ở Huế.",
                                  meta={}, paragraphs=["Hôm qua nước đã dâng cao."]),
                              Settings())
    assert undated.published == PartialDate(None, 3, 13)
    before = {(d.text, d.value) for d in undated.dates}
    calls: list[str] = []
    real = thoisu.dates.published.infer_published

    def counted(article: Article, *args: object, **kw: object) -> DateEvidence | None:
        calls.append(article.id)
        return real(article, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(thoisu.dates.published, "infer_published", counted)
    changed = settle_dates([dated, undated])
    assert calls == ["a2"]  # only the year-less one asks its siblings; nothing re-inferred
    assert changed == [undated]
    assert undated.published == PartialDate(2017, 3, 13)
    after = {(d.text, d.value) for d in undated.dates}
    assert after != before and ("Hôm qua", "2017-03-12") in after  # re-anchored
