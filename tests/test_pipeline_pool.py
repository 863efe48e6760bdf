"""Worker processes change nothing but the speed: the articles, the problems, the stories and
the settled dates of ``--jobs 2`` are those of one process, in the same order."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from thoisu import pipeline
from thoisu.model import Article, Problem
from thoisu.pipeline import describe_stories, process
from thoisu.settings import Settings
from thoisu.stories import group_stories


def _read(paths: list[str], jobs: int) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    articles = list(process(paths, replace(Settings(), jobs=jobs), problems.append))
    return articles, problems


@pytest.fixture(scope="module")
def pages(vims_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    # More pages than the pool keeps in flight (chunks of 8, four per worker), so chunks are
    # submitted again as results are taken; a page with no article text sits in the middle.
    clusters = sorted(p for p in (vims_dir / "data").iterdir() if p.is_dir())[:12]
    empty = tmp_path_factory.mktemp("pool") / "trang-trong.txt"
    empty.write_text("\n\n", encoding="utf-8")
    paths = [str(p) for p in clusters]
    return [*paths[:6], str(empty), *paths[6:]]


def test_workers_give_the_articles_and_problems_of_one_process(pages: list[str]) -> None:
    one, one_problems = _read(pages, 1)
    two, two_problems = _read(pages, 2)
    assert len(one) > 2 * pipeline._CHUNK * pipeline._AHEAD
    assert [a.to_record() for a in two] == [a.to_record() for a in one]
    assert [(p.path, p.reason) for p in two_problems] == [(p.path, p.reason)
                                                          for p in one_problems]
    assert any("trang-trong" in str(p.path) for p in one_problems)


def _described(articles: list[Article], jobs: int) -> tuple[list[dict], list[dict]]:
    copies = [Article.from_record(a.to_record()) for a in articles]
    settings = replace(Settings(), jobs=jobs)
    stories = group_stories(copies, settings)
    by_id = {a.id: a for a in copies}
    described, settled = describe_stories(stories, by_id, settings)
    return ([s.to_record() for s in described],
            sorted((a.to_record() for a in settled), key=lambda r: r["id"]))


def test_forked_and_sent_describing_match_one_process(pages: list[str]) -> None:
    articles, _ = _read(pages[:8], 1)
    one = _described(articles, 1)
    assert len(one[0]) >= 2
    forked = _described(articles, 2)  # this test's process runs one thread: members shared
    assert forked == one
    # With a second thread running (the web server's case) the members are sent instead.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        sent = _described(articles, 2)
    finally:
        stop.set()
        other.join()
    assert sent == one


def test_story_features_of_the_workers_give_the_stories_of_one_process(
        pages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from thoisu.stories import cluster, dedup

    features: dict = {}
    problems: list[Problem] = []
    articles = list(process(pages, replace(Settings(), jobs=2), problems.append,
                            story_features=features))
    assert set(features) == {a.id for a in articles}
    settings = Settings()
    own = group_stories([Article.from_record(a.to_record()) for a in articles], settings)

    def computed(*_args: object) -> None:
        raise AssertionError("a feature was computed again")

    for module, name in ((cluster, "article_terms"), (cluster, "syllable_terms"),
                         (dedup, "shingles")):
        monkeypatch.setattr(module, name, computed)
    given = group_stories([Article.from_record(a.to_record()) for a in articles], settings,
                          features)
    monkeypatch.undo()
    assert [s.to_record() for s in given] == [s.to_record() for s in own]
    # With one job nothing is computed ahead: the clusterer does it, as before.
    ahead: dict = {}
    list(process(pages[:2], replace(Settings(), jobs=1), problems.append,
                 story_features=ahead))
    assert ahead == {}


def test_features_of_a_changed_article_are_computed_again(pages: list[str]) -> None:
    from thoisu.stories.cluster import StoryClusterer
    from thoisu.stories.features import features_of, usable

    articles, _ = _read(pages[:1], 1)
    article = articles[0]
    features = {article.id: features_of(article, Settings())}
    assert usable(features, article) is features[article.id]
    article.paragraphs = article.paragraphs[:1]  # edited after its features were made
    assert usable(features, article) is None
    clusterer = StoryClusterer(Settings(), features=features)
    language, terms, _syllables = clusterer._prepare(article)
    fresh = features_of(article, Settings())
    assert language == fresh.language and list(terms.ids) == list(fresh.terms.ids)
    assert list(terms.ids) != list(features[article.id].terms.ids)
