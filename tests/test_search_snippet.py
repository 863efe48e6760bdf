"""Search snippets: the stretch with the most query syllables, the first such, and its marks."""

from __future__ import annotations

import random

from thoisu.store.search import snippet

SYLLABLES = ["hà", "nội", "mưa", "lớn", "bão", "số", "ba", "đổ", "bộ", "miền", "trung", "Đà"]


def _reference_start(tokens: list[str], wanted: set[str], size: int) -> int:
    """Brute force: the first window start whose ``size`` syllables hold the most hits,
    moved a little before its first hit, as a reader is shown it."""
    from thoisu.store.search import fold

    hits = [fold(t) in wanted for t in tokens]
    counts = [sum(hits[max(0, i - size + 1):i + 1]) for i in range(len(tokens))]
    best = max(counts)
    i = counts.index(best)
    start = max(0, i - size + 1)
    first = next((k for k in range(start, len(tokens)) if hits[k]), start)
    return max(0, min(start, first - 4))


def test_the_window_is_the_first_with_the_most_hits_on_random_texts() -> None:
    rng = random.Random(4)
    for _ in range(400):
        tokens = [rng.choice(SYLLABLES) for _ in range(rng.randint(1, 120))]
        wanted = {"ha", "noi"} if rng.random() < 0.5 else {"bao", "mien"}
        size = rng.choice([1, 3, 8, 36])
        got = str(snippet(" ".join(tokens), sorted(wanted), size))
        start = _reference_start(tokens, wanted, size)
        shown = got.removeprefix("… ").removesuffix(" …")
        first_shown = shown.split(" ", 1)[0].replace("<mark>", "").replace("</mark>", "")
        assert first_shown == tokens[start]
        assert got.startswith("… ") == (start > 0)


def test_marks_are_whole_syllables_folded_and_escaped() -> None:
    got = str(snippet("Mưa <b>lớn</b> ở Hà Nội, hà nội", ["ha", "noi"]))
    assert got == ("Mưa &lt;b&gt;lớn&lt;/b&gt; ở <mark>Hà</mark> <mark>Nội</mark>, "
                   "<mark>hà</mark> <mark>nội</mark>")
