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
    # are within story_link_window_days of each other; see docs/stories.md. A running story
    # (a war, a trial, a building project) may go quiet for most of a year between events,
    # but the same yearly event (an exam, a festival, a storm's anniversary) a year later is a
    # new story: so up to 11 months of silence, short of a year (ViMs, mostly undated, gives
    # the same B-cubed at 180 and at 400).
    story_link_threshold: float = 0.25
    story_link_window_days: int = 330
    # Worker processes for cleaning and analysis (1: in the calling process).
    jobs: int = 1
    # Summaries: default length in syllables.
    summary_syllables: int = 200
    # Names: a TSV of extra names read after the packaged gazetteer (same columns as
    # thoisu/entities/gazetteer.tsv), and whether underthesea's CRF types the names the rules
    # leave open (about 30x slower; see docs/entities.md).
    gazetteer_file: str = ""
    ner_crf: bool = False
    # Batch (thoisu batch; see docs/batch.md): a partition closes at this many files or bytes,
    # and a larger JSON Lines or WARC file is cut into byte ranges of about this size (worker
    # memory grows with it); stories are clustered this many articles at a time (0: all at
    # once, which gives the stories of thoisu digest).
    batch_partition_files: int = 32
    batch_partition_bytes: int = 4_000_000
    batch_story_step: int = 0
    # Web (thoisu serve; see docs/web.md). The base URL absolute links are made from (Atom
    # feeds), e.g. "https://tin.toasoan.vn/thoisu"; never the request's Host header. Empty:
    # http://HOST:PORT of thoisu serve.
    web_base_url: str = ""
    # Reads need a token (or a browser login) too; writes always do.
    web_read_token: bool = False
    # Bytes of a request body beyond which it is refused with 413 while it streams in.
    web_max_body_bytes: int = 16_000_000
    # Key signing browser sessions; empty: a random key kept in the data directory.
    web_secret: str = ""
    # Analysis behind POST /api/articles, /api/digest and the upload: worker processes,
    # requests allowed to wait for one (beyond: 503 with Retry-After), seconds one may take.
    web_analysis_workers: int = 1
    web_analysis_queue: int = 4
    web_analysis_timeout: float = 120.0
    # Rendered pages and API reads kept per server process, for as long as the store does not
    # change (then answered again from the kept bytes, or with 304 to a client that has them);
    # 0: render every time. See docs/web.md.
    web_cache_pages: int = 2048
    # Folder where the processes of a server share the answers they rendered, so a page is
    # rendered once, not once per process. "": thoisu serve makes a new private one when it
    # runs several processes (removed when it stops); a folder named here lasts, and a server
    # started again on an unchanged file store finds its pages; "off": memory only.
    web_cache_dir: str = ""
    # Threads per server process that answer reads (0: 2). Reads are short and hold the
    # interpreter; more threads only make them wait for each other. Processes bring the cores.
    web_threads: int = 0
    # Server processes of thoisu serve (0: one per core).
    web_workers: int = 0
    # Analysis: an article with more characters of text than this (title, lead, paragraphs)
    # is not analysed but reported as a problem, so one pathological page cannot hold up a
    # run; news articles are far below it (0: no limit). See docs/analysis.md.
    max_article_chars: int = 300_000
    # HTML pages: block elements (p, div, li, td, h2–h6 …) and elements of any kind read from
    # one page; the rest of a larger page is cut before parsing, so that cleaning costs a
    # bounded time, and the article says so in its problems. News articles hold a few hundred
    # (0: no limit). See docs/cleaning.md.
    html_max_blocks: int = 5_000
    html_max_nodes: int = 50_000
    # Sources and fetching (thoisu sources / thoisu watch; see docs/sources.md).
    # A URL or e-mail where site owners can reach whoever runs this thoisu; it goes in the
    # User-Agent ("thoisu/0.1.0 (+https://...)"). Empty: the User-Agent names thoisu only.
    fetch_contact: str = ""
    # Seconds a request may take (connect, each read, and the whole body).
    fetch_timeout: float = 20.0
    # Bytes of one response (after decompression) beyond which it is cut and refused.
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    # Tries of a request answered 429 or 5xx; waits double from fetch_backoff seconds, or
    # follow the server's Retry-After. A Retry-After longer than fetch_max_retry_wait is not
    # waited for in the round: the URL (or source) is tried again after it, in a later round.
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    fetch_max_retry_wait: float = 30.0
    # Politeness per host: seconds between two requests' starts (a robots.txt Crawl-delay
    # that asks for more wins) and requests at once; fetch_workers is the total at once.
    fetch_host_interval: float = 1.0
    fetch_host_concurrency: int = 2
    fetch_workers: int = 8
    # Seconds a host's robots.txt is kept before it is fetched again.
    robots_cache_seconds: int = 3600
    # Query parameters stripped from article URLs besides utm_* and the usual click ids
    # (comma-separated names), so one article reached by two links is one.
    url_strip_params: str = ""
    # Polling: default seconds between polls of a source (sources add --every), the longest
    # a failing source is backed off (seconds), rounds a failed article URL is retried,
    # new links taken from one source per round (newest first), children read from one
    # sitemap index, articles ingested together, and seconds between looks for due sources.
    source_every: int = 900
    source_max_backoff: int = 86_400
    source_url_attempts: int = 3
    source_max_new: int = 200
    sitemap_max_children: int = 20
    watch_batch: int = 200
    watch_idle: float = 30.0

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
