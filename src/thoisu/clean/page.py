"""The page cleaner: line roles, then one :class:`Article` per article on the page.

>>> from thoisu.settings import Settings
>>> text = "Mưa lớn ở Huế\\n(Tin Nhanh) - Sáng 12/3, mưa lớn gây ngập.\\nNước rút chậm.\\nAn Khê"
>>> [a.title for a in clean_text(text, Settings())]
['Mưa lớn ở Huế']
"""

from __future__ import annotations

from typing import Any

from thoisu.clean.build import build_article, strip_outlet_prefix
from thoisu.clean.features import LineInfo, make_infos
from thoisu.clean.flat import is_flattened, unflatten
from thoisu.clean.normalize import normalize_line, normalize_text
from thoisu.clean.rules import Verdict, local_rule, mark_closings, mark_footer, mark_navigation
from thoisu.clean.split import Span, split_page
from thoisu.model import Article, Line, Origin, RawPage, Removed, Role
from thoisu.settings import Settings


def analyse_page(text: str, settings: Settings,
                 known_title: str | None = None) -> tuple[list[LineInfo], list[Span]]:
    """Every line with its role, rule and part (article number, 0 for page boilerplate)."""
    infos = make_infos(normalize_text(text, settings.tone_style))
    local: list[Verdict | None] = []
    for line in infos:
        verdict = local_rule(line)
        local.append(None if verdict is not None and verdict[0] is Role.BLANK else verdict)
        if line.blank:
            line.set(Role.BLANK, "blank")
    mark_navigation(infos, local)
    mark_footer(infos, local)
    mark_closings(infos, local)
    spans = split_page(infos, local, known_title)
    return infos, spans


def _teaser_outlet(infos: list[LineInfo]) -> str | None:
    """The outlet that tags the page's own teasers ("(Ngày Nay) - ..."): the page's outlet.

    A last resort for ``source`` when no source line, lead tag or metadata names one.
    """
    counts: dict[str, int] = {}
    for line in infos:
        if line.role is Role.BOILERPLATE and line.rule in _TEASER_RULES:
            _, outlet = strip_outlet_prefix(line.text)
            if outlet:
                counts[outlet] = counts.get(outlet, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else None


_TEASER_RULES = frozenset({"boilerplate.sidebar_teaser", "boilerplate.related_list",
                           "boilerplate.truncated_teaser"})


def line_roles(text: str, settings: Settings, known_title: str | None = None) -> list[Line]:
    """The role of every line of ``text`` and the rule that gave it (for ``--explain``)."""
    infos, _ = analyse_page(text, settings, known_title)
    return [Line(i.number, i.text, i.role or Role.BOILERPLATE, i.rule or "unassigned")
            for i in infos]


def clean_text(text: str, settings: Settings, origin: Origin | None = None,
               meta: dict[str, Any] | None = None, known_title: str | None = None) -> list[Article]:
    """The articles of a plain-text page; an empty list when it holds only boilerplate."""
    meta = dict(meta or {})
    origin = origin or Origin("<text>")
    ui: list[str] | None = None
    if is_flattened(text):
        # One long line with the site's interface glued in: work on sentences, not lines.
        text, ui = unflatten(text)
    if known_title:
        known_title = normalize_line(known_title, settings.tone_style)
    infos, spans = analyse_page(text, settings, known_title)
    articles = []
    for k, span in enumerate(spans):
        lo = 0 if k == 0 else span.start
        hi = spans[k + 1].start if k + 1 < len(spans) else len(infos)
        article = build_article(infos, span, lo, hi, origin, meta)
        if article.lead or article.paragraphs:
            articles.append(article)
    outlet = _teaser_outlet(infos)
    for article in articles:
        article.source = article.source or outlet
    if ui is not None:
        for article in articles:
            article.removed.extend(Removed(t, Role.BOILERPLATE.value, "boilerplate.ui_text")
                                   for t in ui)
            article.problems.append("page flattened into one line: cleaned sentence by "
                                    "sentence (line numbers count sentences)")
    if len(articles) > 1:
        # Say so: a reader who expected one article per page can see where the page was cut.
        for k, article in enumerate(articles, start=1):
            first = next(line.number for line in article.lines
                         if line.role is not Role.BLANK) if article.lines else 0
            article.problems.append(
                f"page carries {len(articles)} articles; this is article {k}, from line {first}")
    return articles


def clean_page(page: RawPage, settings: Settings) -> list[Article]:
    """One or more clean articles from a page read as text, HTML or a JSON Lines record."""
    title = page.meta.get("title")
    known = str(title) if title else None
    if page.html is not None and page.text is None:
        from thoisu.clean.html import clean_html
        from thoisu.clean.html_text import HtmlPathFailed

        try:
            articles = clean_html(page, settings)
        except HtmlPathFailed as failed:
            articles = clean_text(failed.text, settings, page.origin, page.meta,
                                  known_title=known)
            for article in articles:
                article.problems.extend([failed.problem, *failed.extra])
    else:
        articles = clean_text(page.text or "", settings, page.origin, page.meta,
                              known_title=known)
    replaced = page.meta.get("replaced_bytes")
    if replaced:
        for article in articles:
            article.problems.append(f"{replaced} invalid UTF-8 byte(s) in the input were "
                                    "replaced by U+FFFD")
    return articles
