"""What a summary is: its sentences with their sources, and why each candidate was taken or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thoisu.model import SummarySentence

CHOSEN = "chosen"
REDUNDANT = "redundant"
TOO_LONG = "too long"
TOO_SHORT = "too short"
LOW_SCORE = "low score"
NOT_STANDALONE = "not standalone"  # teaser, heading, caption, fragment
NEEDS_CONTEXT = "needs context"  # leans on the sentence before it, which was not chosen


@dataclass
class Considered:
    """One candidate sentence and what the selection did with it."""

    text: str
    article: str
    sentence: int
    score: float
    syllables: int
    status: str  # chosen, redundant, too long, too short, low score, not standalone, ...
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "article": self.article, "sentence": self.sentence,
                "score": round(self.score, 4), "syllables": self.syllables,
                "status": self.status, "reason": self.reason}


@dataclass
class Summary:
    """Chosen sentences in reading order, and the explanation of the choice.

    ``explain`` lists the chosen sentences (best score first), then the runners-up with the
    reason each was skipped. ``note`` says why a summary is empty or shorter than asked.
    The first sentence is the story's latest development when it fits (``teaser``), the
    others follow in the order of the events they tell.
    """

    sentences: list[SummarySentence]
    explain: list[Considered] = field(default_factory=list)
    max_syllables: int = 0
    syllables: int = 0
    note: str = ""
    title: str = ""  # the story's latest development: its article's title (or the teaser)
    teaser: str = ""  # the sentence that tells it (see summarize/headline.py)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def chosen(self) -> list[Considered]:
        return [c for c in self.explain if c.status == CHOSEN]

    @property
    def runners_up(self) -> list[Considered]:
        return [c for c in self.explain if c.status != CHOSEN]

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"summary": self.text,
                               "sentences": [s.to_json() for s in self.sentences],
                               "syllables": self.syllables, "max_syllables": self.max_syllables}
        # Written only when there is one (the JSON a summary had before them is unchanged).
        out.update((key, value) for key, value in
                   (("title", self.title), ("teaser", self.teaser), ("note", self.note)) if value)
        if explain:
            out["explain"] = [c.to_json() for c in self.explain]
        return out
