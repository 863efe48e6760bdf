"""Article identity: a hash of the normalised content; the same text read twice is one article."""

from __future__ import annotations

import hashlib

from thoisu.text.syllables import syllable_tokens


def content_id(title: str, lead: str, paragraphs: list[str]) -> str:
    """16 hex digits of SHA-256 over the syllable tokens of title, lead and body.

    Case, punctuation, spacing and Unicode form do not change the id; a changed word does.
    """
    tokens = syllable_tokens("\n".join([title, lead, *paragraphs]))
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()[:16]
