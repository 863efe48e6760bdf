"""One settings object: defaults, then a TOML file, then ``THOISU_*`` environment, then flags.

The file is ``thoisu.toml`` in the user's config directory (``platformdirs``), or the path in
``THOISU_CONFIG``. Each key is a field below, e.g. ``tone_style = "new"`` or
``dedup_threshold = 0.8``; the environment spells it ``THOISU_TONE_STYLE``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

APP = "thoisu"


@dataclass(frozen=True)
class Settings:
    # Normalisation: "old" puts the tone on the first vowel of oa/oe/uy ("hòa", "thủy"),
    # "new" on the second ("hoà", "thuỷ"). Vietnamese newsrooms mostly write "old".
    tone_style: str = "old"
    # Reading: files larger than this (bytes) are skipped with a message.
    max_file_bytes: int = 50_000_000
    # Store: SQLAlchemy URL; empty means a SQLite file in the user's data directory.
    db_url: str = ""
    # Word segmenter: "underthesea" (CRF, offline) or "syllable" (no model, for speed).
    segmenter: str = "underthesea"
    # Fill every sentence's words during analysis (digest --words). No later stage needs them
    # (stories and summaries work on syllables), and the CRF costs about 9 ms an article.
    segment_words: bool = False
    # Near-duplicates: Jaccard similarity of word shingles above which two articles are copies.
    dedup_threshold: float = 0.7
    dedup_shingle: int = 3
    dedup_num_perm: int = 128
    # Story clustering: mean cosine similarity with a story's articles that an article needs
    # to join it (average-link scale; see docs/stories.md for how 0.15 was chosen).
    story_threshold: float = 0.15
    # Stories: days beyond which time proximity stops helping a join.
    story_window_days: int = 30
    # Stories: two stories whose names (people, places, organisations) have this mean cosine
    # are one running story (a campaign, a trial) even if their events differ, provided they
    # are within story_link_window_days of each other; see docs/stories.md.
    story_link_threshold: float = 0.25
    story_link_window_days: int = 180
    # Worker processes for cleaning and analysis (1: in the calling process).
    jobs: int = 1
    # Summaries: default length in syllables.
    summary_syllables: int = 200
    # Names: a TSV of extra names read after the packaged gazetteer (same columns as
    # thoisu/entities/gazetteer.tsv), and whether underthesea's CRF types the names the rules
    # leave open (about 30x slower; see docs/entities_timeline.md).
    gazetteer_file: str = ""
    ner_crf: bool = False

    def replace(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored (unset flags)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def config_path() -> Path:
    env = os.environ.get("THOISU_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP)) / "thoisu.toml"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'thoisu.db'}"


class SettingsError(ValueError):
    """A settings file or variable that cannot be used; the message says which and why."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, raw: Any, kind: type, where: str) -> Any:
    if kind is bool and isinstance(raw, str):
        # A typo ("ture") must not quietly turn a switch off.
        word = raw.strip().lower()
        if word not in _TRUE | _FALSE:
            raise SettingsError(f"{where}: {name} = {raw!r} is not a valid bool; "
                                "use true or false")
        return word in _TRUE
    try:
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{where}: {name} = {raw!r} is not a valid {kind.__name__}") from exc


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, overridden by the config file if it exists, then by ``THOISU_*`` variables."""
    environ = dict(os.environ) if environ is None else environ
    kinds = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = path or config_path()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
        for key, raw in data.items():
            if key not in kinds:
                raise SettingsError(f"{path}: unknown setting {key!r}; known: {', '.join(kinds)}")
            values[key] = _coerce(key, raw, kinds[key], str(path))
    for key, kind in kinds.items():
        env_key = f"THOISU_{key.upper()}"
        if env_key in environ:
            values[key] = _coerce(key, environ[env_key], kind, f"environment {env_key}")
    settings = Settings(**values)
    if settings.tone_style not in {"old", "new"}:
        raise SettingsError(f"tone_style must be 'old' or 'new', not {settings.tone_style!r}")
    return settings
