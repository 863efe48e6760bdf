"""A date rule's ``hint`` only saves time: every line where the rule's pattern matches holds
the hint, so skipping the lines without it skips no match (on real ViMs text and on strings
made of the characters dates are written with)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from thoisu.dates.tagger import RULES

HINTED = [rule for rule in RULES if rule.hint is not None]
ALPHABET = "0123456789/-.:,hgH giờphútngàythángnămsáng chiều tối lúc đêm qua nay"


def _missed(text: str) -> list[str]:
    """Matches of a hinted rule on lines of ``text`` that its hint would skip."""
    low = text.lower()
    out = []
    for line in low.split("\n"):
        for rule in HINTED:
            if rule.hint.search(line) is None:  # type: ignore[union-attr]
                out += [f"{rule.pattern.pattern[:40]}: {m.group()!r}"
                        for m in rule.pattern.finditer(line)]
    return out


def test_some_rules_have_hints() -> None:
    assert len(HINTED) >= 5


def test_no_match_on_real_text_is_skipped(vims_dir: Path) -> None:
    files = sorted((vims_dir / "data").rglob("*.txt"))[:600]
    assert files
    for path in files:
        assert _missed(path.read_text(encoding="utf-8")) == [], path


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_no_match_on_date_like_strings_is_skipped(text: str) -> None:
    assert _missed(text) == []
