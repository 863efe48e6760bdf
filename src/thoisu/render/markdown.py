"""Markdown report of a digest: stories first (summary, timeline, names), then the articles."""

from __future__ import annotations

from thoisu.model import Article, Digest, Entity, Event, Story

TYPE_NAMES = {"PER": "Người", "ORG": "Tổ chức", "LOC": "Địa danh"}


def event_dates(event: Event) -> str:
    """``2025-03-11`` or, for a range, ``2025-03-11 – 2025-03-12``."""
    if event.end is not None and event.end != event.date:
        return f"{event.date.iso()} – {event.end.iso()}"
    return event.date.iso()


def _article_line(article: Article) -> str:
    bits = [article.source or "nguồn không rõ",
            article.published.iso() if article.published else "không rõ ngày"]
    return f"{article.title or '(không tiêu đề)'} — {', '.join(bits)} (`{article.id}`)"


def _entities(entities: list[Entity]) -> list[str]:
    lines = []
    for kind, label in TYPE_NAMES.items():
        names = [f"{e.name} ({e.count})" for e in entities if e.type == kind][:12]
        if names:
            lines.append(f"- **{label}:** {', '.join(names)}")
    return lines


def story_markdown(story: Story, articles: dict[str, Article]) -> str:
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
            refs = "".join(f"[{number.get(a, '?')}]" for a in event.articles)
            out.append(f"- **{event_dates(event)}** {event.text} {refs}")
        out.append("")
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
        meta.append(article.published.iso())
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


def digest_markdown(result: Digest) -> str:
    by_id = {a.id: a for a in result.articles}
    out = ["# thoisu digest", "",
           f"{len(result.articles)} bài báo, {len(result.stories)} câu chuyện.", ""]
    for story in result.stories:
        out.append(story_markdown(story, by_id))
    out += ["## Bài báo", ""]
    for article in result.articles:
        out.append(article_markdown(article))
    return "\n".join(out).rstrip() + "\n"
