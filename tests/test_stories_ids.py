"""Story ids stay unique over a long stream (a store refuses the same id twice).

A rebuild (the IDF re-weighing) can place a member again into a new story; that story was
once named after its first article without looking at the ids in use, and a story kept
outside the regrouped window could hold the same name. The stream below reached that case
at its fifth batch of a thousand articles with the clusterer of turn 3 (511fdd8).
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

import pytest

from thoisu.settings import Settings
from thoisu.stories.cluster import StoryClusterer

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
VIMS = Path(__file__).parents[2] / "shared" / "data" / "vims"


@pytest.mark.slow
@pytest.mark.skipif(not VIMS.is_dir(), reason="needs ../shared/data/vims")
def test_story_ids_are_unique_after_every_batch_of_a_long_stream() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from cluster_scale import iter_corpus
    finally:
        sys.path.remove(str(BENCHMARKS))
    clusterer = StoryClusterer(Settings())
    stream = iter_corpus(6000, {})
    while batch := list(itertools.islice(stream, 1000)):
        clusterer.add(batch)
        counts = Counter(story.id for story in clusterer.stories())
        assert [i for i, n in counts.items() if n > 1] == []
