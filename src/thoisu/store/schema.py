"""The tables of the store, as SQLAlchemy Core.

An article is one row: its text parts (paragraphs, captions, removed lines) are JSON lists, so a
row is written whole or not at all and reading an article back is one query. ``seq`` gives the
order articles were added in; ``id`` is the content hash computed upstream.

This is the schema the code expects *now*; the migrations in ``migrations/versions`` build it
step by step and a test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

# JSONB on PostgreSQL (indexable, compact); plain JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")

ID = 64  # content ids are 16 hex digits today; room for a longer hash later

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(ID), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("lead", Text, nullable=False),
    Column("paragraphs", Json, nullable=False),
    Column("captions", Json, nullable=False),
    Column("byline", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", String(10)),  # TimeML-style partial date: 2017-01-24, 2011-03, XXXX-03-28
    Column("published_evidence", Json),
    Column("language", String(16), nullable=False),
    Column("meta", Json, nullable=False),
    Column("removed", Json, nullable=False),
    Column("problems", Json, nullable=False),
    Column("origin_path", Text, nullable=False),
    Column("origin_line", Integer),
    Column("origin_id", Text),
    Column("duplicate_of", String(ID)),
    Column("added_at", DateTime(timezone=True), nullable=False),
    # What analysis derived (revision 0002): time expressions, names and their mentions, and
    # the analysis version that made them; NULL: stored before it, analysed again on demand.
    Column("dates", Json),
    Column("entities", Json),
    Column("mentions", Json),
    Column("analysis_version", String(64)),
    # Revision 0005: the sentences the ``sentence`` indexes of dates and mentions point into.
    Column("sentences", Json),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("title", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Revision 0002. Kept whenever members are saved: how many, which outlets (names, most
    # articles first), the span of comparable publication dates (TimeML) and ``latest``, a
    # sortable ISO string of the latest full publication date (else the latest added time).
    Column("article_count", Integer, nullable=False, server_default="0"),
    Column("outlets", Json),
    Column("first_published", String(10)),
    Column("last_published", String(10)),
    Column("latest", String(32)),
    # Derived from the members by the story stages, with the analysis version and a hash of
    # the members they were made from; NULL until described (``thoisu reanalyse``).
    Column("summary", Json),
    Column("timeline", Json),
    Column("entities", Json),
    # Revision 0005: the teaser (latest significant development) and where outlets disagree.
    Column("teaser", Text),
    Column("disagreements", Json),
    Column("analysis_version", String(64)),
    Column("members_hash", String(64)),
    Column("derived_at", DateTime(timezone=True)),
    Index("ix_stories_latest", "latest"),
)

# No foreign key to articles: a story may be saved before (or without) its articles, e.g. when
# clustering runs over files rather than the store. An article is in at most one story.
story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String(ID), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    Column("article_id", String(ID), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("similarity", Float),  # NULL: no join recorded for this member
    Column("reason", Text),
    Index("ix_story_articles_article_id", "article_id", unique=True),
)

story_duplicates = Table(
    "story_duplicates",
    metadata,
    Column("story_id", String(ID), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("canonical", String(ID), nullable=False),
    Column("copy", String(ID), nullable=False),
    Column("similarity", Float, nullable=False),
)

# The names of each story (revision 0002), one row per canonical name, for name pages and
# filters: which stories name "Hà Nội", most mentioned first.
story_names = Table(
    "story_names",
    metadata,
    Column("story_id", String(ID), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    Column("name", Text, primary_key=True),
    Column("type", String(8), primary_key=True),
    Column("count", Integer, nullable=False),
    # Revision 0006: the story id beside the name, so counting what stories share a name
    # reads the index alone (related stories).
    Index("ix_story_names_name_story", "name", "story_id"),
)

# -- issue #11 (web access; owner F): API tokens, stored as SHA-256 hashes, never in clear. ----
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # the first characters, to tell tokens apart
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# -- followed sources (issue #12): the sources with their polling state, and fetched URLs

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("every_seconds", Integer, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_success", DateTime(timezone=True)),
    Column("last_outcome", Text),
    Column("articles_found", Integer, nullable=False),
    Column("last_found", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("backoff_until", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("children", Json, nullable=False),
)

# One row per URL fetched (as linked, tracking stripped); ``canonical`` finds the same
# article reached by another link. Rows outlive their source, so a source removed and added
# again does not fetch its articles twice.
fetched_urls = Table(
    "fetched_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column("canonical", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("status", String(16), nullable=False),
    Column("article_id", String(ID)),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text),
    Column("retry_at", DateTime(timezone=True)),
    Column("published", Text),  # the listing's date for the link, kept for a retry
    Index("ix_fetched_urls_canonical", "canonical"),
)
