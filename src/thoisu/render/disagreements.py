"""The section "Các nguồn nói khác nhau": each disputed figure, day or claim, every side quoted
with its outlet and cited to its article, in text, Markdown and HTML.

>>> from thoisu.model import Claim, Disagreement
>>> d = Disagreement("figure", "số người chết", [
...     Claim("12", "Vụ cháy làm 12 người chết.", "a1", 0, "Báo A"),
...     Claim("15", "Vụ cháy khiến 15 người chết.", "b2", 3, "Tin B")], "cùng đếm «người»")
>>> line = disagreement_lines([d], {"a1": 1, "b2": 2})[0]
>>> line.split(" · ")[0]
'- **số người chết**: Báo A [1] nói «12»: “Vụ cháy làm 12 người chết.”'
>>> line.split(" · ")[1]
'Tin B [2] nói «15»: “Vụ cháy khiến 15 người chết.”'

A story without disagreements gives no section at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from thoisu.model import Claim, Disagreement

HEADING = "Các nguồn nói khác nhau"
KIND_NAMES = {"figure": "con số", "date": "ngày", "claim": "khẳng định"}
QUOTE_CHARS = 220  # a side's sentence is quoted up to this many characters


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + "…"


def _who(claim: Claim, number: dict[str, int]) -> str:
    k = number.get(claim.article)
    outlet = claim.outlet or "nguồn không rõ"
    return f"{outlet} [{k}]" if k else f"{outlet} ({claim.article})"


def disagreement_lines(found: Sequence[Disagreement], number: dict[str, int],
                       explain: bool = False) -> list[str]:
    """One Markdown list item per disagreement (and, with ``explain``, why its statements
    were paired); ``number`` gives each article's citation number."""
    out = []
    for d in found:
        sides = " · ".join(f"{_who(c, number)} nói «{c.value}»: “{_quote(c.text)}”"
                           for c in d.claims)
        out.append(f"- **{d.about}**: {sides}")
        if explain and d.reason:
            out.append(f"  - _vì sao ghép ({KIND_NAMES.get(d.kind, d.kind)}): {d.reason}_")
    return out


def disagreements_markdown(found: Sequence[Disagreement], number: dict[str, int],
                           explain: bool = False) -> list[str]:
    """The Markdown section with its heading, or nothing when there is no disagreement."""
    if not found:
        return []
    return [f"### {HEADING}", "", *disagreement_lines(found, number, explain), ""]


def disagreements_text(found: Sequence[Disagreement], explain: bool = False) -> list[str]:
    """Plain lines for a terminal (``thoisu stories show``), or nothing."""
    if not found:
        return []
    out = [f"{HEADING}:"]
    for d in found:
        out.append(f"  {d.about} ({KIND_NAMES.get(d.kind, d.kind)})")
        for c in d.claims:
            out.append(f"    {c.outlet or 'nguồn không rõ'} «{c.value}» "
                       f"[{c.article} câu {c.sentence}]: {_quote(c.text)}")
        if explain and d.reason:
            out.append(f"    vì sao ghép: {d.reason}")
    return out


def disagreements_html(found: Sequence[Disagreement], number: dict[str, int],
                       link: str = "#a-{article}", explain: bool = True) -> str:
    """The HTML section, each side linked to its article's sentence (``link`` formats the
    address from ``article`` and ``sentence``), or "" when there is none. The reason for the
    pairing is shown as the item's title (hover) unless ``explain`` is off."""
    if not found:
        return ""
    items = []
    for d in found:
        sides = []
        for c in d.claims:
            href = escape(link.format(article=c.article, sentence=c.sentence))
            k = number.get(c.article)
            sides.append(f'<li><strong>{escape(c.outlet or "nguồn không rõ")}</strong>'
                         f'{f" [{k}]" if k else ""} nói «{escape(c.value)}»: '
                         f'<a href="{href}">“{escape(_quote(c.text))}”</a></li>')
        title = f' title="{escape(d.reason)}"' if explain and d.reason else ""
        why = (f'<p class="meta">Vì sao ghép: {escape(d.reason)}</p>'
               if explain and d.reason else "")
        items.append(f'<li class="disagreement {escape(d.kind)}"{title}>'
                     f'<strong>{escape(d.about)}</strong><ul>{"".join(sides)}</ul>{why}</li>')
    return (f'<section class="disagreements"><h3>{HEADING}</h3>'
            f'<ul>{"".join(items)}</ul></section>')
