"""Markdown report of a digest: stories first (summary, timeline, names), then the articles."""

from __future__ import annotations

from thoisu.model import Article, Digest, Entity, Event, Story
from thoisu.render.dates_vi import format_date, format_event_date
from thoisu.render.disagreements import disagreements_markdown
from thoisu.render.timeline_chart import outlet_name

TYPE_NAMES = {"PER": "Người", "ORG": "Tổ chức", "LOC": "Địa danh"}


def event_dates(event: Event) -> str:
    """The event's date as readers write it: "11–12/3/2025", "15/3 (khoảng 2016)"."""
    return format_event_date(event)


def cited(event: Event, number: dict[str, int], articles: dict[str, Article]) -> str:
    """The event's sources by outlet and number: "Báo X [1], Tin Y [2]"."""
    out = []
    for aid in event.articles:
        k = number.get(aid, "?")
        name = outlet_name(articles[aid]) if aid in articles else "nguồn khác"
        out.append(f"{name} [{k}]")
    return ", ".join(out)


def _article_line(article: Article) -> str:
    bits = [outlet_name(article),
            format_date(article.published) if article.published else "không rõ ngày"]
    return f"{article.title or '(không tiêu đề)'} — {', '.join(bits)} (`{article.id}`)"


def _entities(entities: list[Entity]) -> list[str]:
    lines = []
    for kind, label in TYPE_NAMES.items():
        names = [f"{e.name} ({e.count})" for e in entities if e.type == kind][:12]
        if names:
            lines.append(f"- **{label}:** {', '.join(names)}")
    return lines


def story_markdown(story: Story, articles: dict[str, Article], explain: bool = False) -> str:
    number = {aid: k for k, aid in enumerate(story.articles, 1)}
    out = [f"## {story.title}", ""]
    if story.summary:
        out.append("### Tóm tắt")
        out.append("")
        out.append(" ".join(f"{s.text} [{number.get(s.article, '?')}]" for s in story.summary))
        out.append("")
    if story.timeline:
        out.append("### Diễn biến")
        out.append("")
        for event in story.timeline:
            out.append(f"- **{event_dates(event)}** {event.text} "
                       f"_({cited(event, number, articles)})_")
        out.append("")
    out.extend(disagreements_markdown(story.disagreements, number, explain))
    if story.entities:
        out.append("### Tên riêng")
        out.append("")
        out.extend(_entities(story.entities))
        out.append("")
    out.append("### Nguồn")
    out.append("")
    for aid, k in number.items():
        if aid in articles:
            out.append(f"{k}. {_article_line(articles[aid])}")
    for dup in story.duplicates:
        out.append(f"   - bản sao `{dup.copy}` của `{dup.canonical}` (giống {dup.similarity:.0%})")
    out.append("")
    return "\n".join(out)


def article_markdown(article: Article) -> str:
    out = [f"### {article.title or '(không tiêu đề)'}", ""]
    meta = [f"`{article.id}`", str(article.origin)]
    if article.source:
        meta.append(article.source)
    if article.published:
        meta.append(format_date(article.published))
    if article.byline:
        meta.append(article.byline)
    out += [" · ".join(meta), ""]
    if article.lead:
        out += [f"**{article.lead}**", ""]
    for para in article.paragraphs:
        out += [para, ""]
    for caption in article.captions:
        out += [f"*Ảnh: {caption}*", ""]
    if article.removed:
        out += [f"<sub>{len(article.removed)} dòng đã lược bỏ (xem `thoisu clean --explain`)</sub>",
                ""]
    return "\n".join(out)


def digest_markdown(result: Digest, explain: bool = False) -> str:
    """The digest in Markdown; with ``explain``, why each disagreement's statements were
    paired."""
    by_id = {a.id: a for a in result.articles}
    out = ["# thoisu digest", "",
           f"{len(result.articles)} bài báo, {len(result.stories)} câu chuyện.", ""]
    for story in result.stories:
        out.append(story_markdown(story, by_id, explain))
    out += ["## Bài báo", ""]
    for article in result.articles:
        out.append(article_markdown(article))
    return "\n".join(out).rstrip() + "\n"
