"""HTML main text: thoisu against trafilatura.extract alone, on the same invented pages.

    python benchmarks/html_main_text.py [--pages tests/fixtures/blind_html] [--show]

Each page NAME.html in the folder has NAME.gold.json beside it: the main text (sapo, body
paragraphs, subheadings, interview questions, and the text of captioned photos that carry a
photo story; photo credits, bylines and short figure captions left out), the sapo and the
publication date. Printed per page and on average, in one run: token F1 (bag of lower-case
syllables) of thoisu's ``Article.body_text`` (lead + paragraphs) and of ``trafilatura.extract``
with its defaults; pages lost (thoisu returned no article, or kept under half the gold's
tokens); whether the sapo was recovered as the lead; and the publication date
``infer_published`` gives the article (metadata, URL, page timestamp or text). See
docs/cleaning.md for the figures recorded on the first run.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from thoisu.clean import clean_page
from thoisu.dates.published import infer_published
from thoisu.evaluate.cleaning import (
    read_html_set,
    text_tokens,
    thoisu_main_text,
    token_f1,
    trafilatura_main_text,
)
from thoisu.model import Origin, RawPage
from thoisu.settings import Settings

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "fixtures" / "blind_html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--show", action="store_true", help="print thoisu's text of each page")
    args = parser.parse_args()
    settings = Settings()
    pages = read_html_set(args.pages)
    ours, theirs = [], []
    lost = sapo_ok = sapo_total = date_ok = date_total = 0
    print(f"{'page':34} {'layout':17} {'thoisu':>7} {'trafil.':>7}  sapo  date")
    for page in pages:
        text, lead = thoisu_main_text(page, settings)
        base = trafilatura_main_text(page)
        f_ours = token_f1(text, page.main_text)[2]
        f_base = token_f1(base, page.main_text)[2]
        ours.append(f_ours)
        theirs.append(f_base)
        kept = len(text_tokens(text)) / max(1, len(text_tokens(page.main_text)))
        is_lost = not text or kept < 0.5
        lost += is_lost
        sapo = "-"
        if page.sapo:
            sapo_total += 1
            good = token_f1(lead, page.sapo)[2] >= 0.9
            sapo_ok += good
            sapo = "yes" if good else "NO"
        articles = clean_page(RawPage(Origin(page.name), html=page.html), settings)
        got = infer_published(articles[0]) if articles else None
        date = "-"
        if page.published:
            date_total += 1
            good = got is not None and got.value.iso() == page.published
            date_ok += good
            date = "yes" if good else f"NO ({got.value.iso() if got else None})"
        print(f"{page.name:34} {page.layout:17} {f_ours:7.3f} {f_base:7.3f}  {sapo:4}  {date}"
              + ("  LOST" if is_lost else ""))
        if args.show:
            print("   " + text.replace("\n", "\n   "))
    mine, base = statistics.mean(ours), statistics.mean(theirs)
    print(f"\nmean token F1: thoisu {mine:.3f}, trafilatura.extract {base:.3f} "
          f"(difference {mine - base:+.3f}); pages {len(pages)}")
    print(f"min token F1: thoisu {min(ours):.3f}, trafilatura.extract {min(theirs):.3f}")
    print(f"pages lost by thoisu: {lost}; sapo recovered as lead: {sapo_ok}/{sapo_total}; "
          f"publication date exact: {date_ok}/{date_total}")


if __name__ == "__main__":
    main()
