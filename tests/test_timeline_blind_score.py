"""The blind timeline score's shares (benchmarks/timeline_blind.py prints them)."""

from thoisu.evaluate.timeline import BlindScore


def test_shares_of_counts_and_their_sum() -> None:
    a = BlindScore(gold=4, entries=5, events_found=3, dates_found=2, entries_event=4,
                   entries_dated=1)
    assert (a.event_recall, a.event_precision) == (0.75, 0.8)
    assert (a.date_recall, a.date_precision) == (0.5, 0.2)
    a.add(BlindScore(gold=4, entries=5, events_found=1, dates_found=2, entries_event=1,
                     entries_dated=4))
    assert (a.event_recall, a.date_recall, a.date_precision) == (0.5, 0.5, 0.5)


def test_no_gold_and_no_entries_give_zero_not_an_error() -> None:
    empty = BlindScore()
    assert (empty.event_recall, empty.event_precision) == (0.0, 0.0)
    assert (empty.date_recall, empty.date_precision) == (0.0, 0.0)
