"""A self-contained HTML report of a digest: stories with summary, timeline chart and names."""

from __future__ import annotations

from html import escape

from thoisu.model import Article, Digest, Story
from thoisu.render.dates_vi import format_date, html_datetime
from thoisu.render.disagreements import disagreements_html
from thoisu.render.markdown import TYPE_NAMES, event_dates
from thoisu.render.timeline_chart import outlet_name

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#1d232a;line-height:1.55}
h1{font-size:1.6rem}h2{border-bottom:2px solid #c8102e;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#5b6670;font-size:.9rem}.cite{font-size:.75rem;vertical-align:super;color:#c8102e}
.story{margin-bottom:3rem}ol.timeline{list-style:none;padding-left:0}
ol.timeline li{margin:.3rem 0}ol.timeline time{font-weight:600;margin-right:.5rem}
.names span{display:inline-block;background:#eef1f4;border-radius:1rem;padding:.05rem .6rem;
margin:.15rem}
details{margin:.4rem 0}summary{cursor:pointer}.removed{color:#8a949e;font-size:.85rem}
"""


def _cite(aid: str, number: dict[str, int]) -> str:
    k = number.get(aid)
    return f'<a class="cite" href="#a-{escape(aid)}">[{k if k else "?"}]</a>'


def _chart(story: Story, labels: dict[str, str]) -> str:
    if not story.timeline:
        return ""
    from thoisu.render.timeline_chart import timeline_svg

    return f'<figure class="chart">{timeline_svg(story.timeline, sources=labels)}</figure>'


def story_html(story: Story, articles: dict[str, Article]) -> str:
    number = {aid: k for k, aid in enumerate(story.articles, 1)}
    parts = [f'<section class="story" id="s-{escape(story.id)}"><h2>{escape(story.title)}</h2>']
    if story.summary:
        text = " ".join(f"{escape(s.text)}{_cite(s.article, number)}" for s in story.summary)
        parts.append(f"<h3>Tóm tắt</h3><p>{text}</p>")
    if story.timeline:
        labels = {aid: f"{outlet_name(articles[aid])} [{k}]" for aid, k in number.items()
                  if aid in articles}
        parts.append("<h3>Diễn biến</h3>" + _chart(story, labels) + '<ol class="timeline">')
        for event in story.timeline:
            cites = " " + ", ".join(
                f"{escape(outlet_name(articles[a]) if a in articles else 'nguồn khác')}"
                f"{_cite(a, number)}" for a in event.articles)
            parts.append(f'<li><time datetime="{escape(html_datetime(event.date))}">'
                         f"{escape(event_dates(event))}</time>{escape(event.text)}{cites}</li>")
        parts.append("</ol>")
    parts.append(disagreements_html(story.disagreements, number))
    if story.entities:
        parts.append('<h3>Tên riêng</h3><div class="names">')
        for kind, label in TYPE_NAMES.items():
            names = [e for e in story.entities if e.type == kind][:15]
            if names:
                chips = "".join(f"<span>{escape(e.name)} · {e.count}</span>" for e in names)
                parts.append(f"<p><strong>{label}:</strong> {chips}</p>")
        parts.append("</div>")
    parts.append("<h3>Nguồn</h3><ol>")
    for aid in story.articles:
        a = articles.get(aid)
        if a is not None:
            date = format_date(a.published) if a.published else "không rõ ngày"
            source = escape(outlet_name(a))
            parts.append(f'<li><a href="#a-{escape(aid)}">{escape(a.title or aid)}</a> '
                         f'<span class="meta">{source} · {escape(date)}</span></li>')
    parts.append("</ol></section>")
    return "\n".join(parts)


def article_html(article: Article) -> str:
    meta = " · ".join(escape(x) for x in [article.source or "", article.byline or "",
                                           format_date(article.published) if article.published
                                           else "",
                                           str(article.origin)] if x)
    body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    captions = "".join(f"<p><em>Ảnh: {escape(c)}</em></p>" for c in article.captions)
    removed = "".join(f'<li>{escape(r.text)} <span class="meta">({escape(r.role)}: '
                      f"{escape(r.rule)})</span></li>" for r in article.removed)
    removed_block = (f'<details class="removed"><summary>{len(article.removed)} dòng đã lược bỏ'
                     f"</summary><ul>{removed}</ul></details>") if article.removed else ""
    lead = f"<p><strong>{escape(article.lead)}</strong></p>" if article.lead else ""
    return (f'<article id="a-{escape(article.id)}"><h3>{escape(article.title or "(không tiêu đề)")}'
            f'</h3><p class="meta">{meta}</p>{lead}{body}{captions}{removed_block}</article>')


def digest_html(result: Digest) -> str:
    by_id = {a.id: a for a in result.articles}
    stories = "\n".join(story_html(s, by_id) for s in result.stories)
    articles = "\n".join(article_html(a) for a in result.articles)
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>thoisu digest</title><style>{CSS}</style></head><body>"
        f"<h1>thoisu digest</h1><p class=\"meta\">{len(result.articles)} bài báo, "
        f"{len(result.stories)} câu chuyện</p>{stories}<h2>Bài báo</h2>{articles}</body></html>\n"
    )
