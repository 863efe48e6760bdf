"""HTML main text: thoisu against trafilatura.extract alone, on the same invented pages.

    python benchmarks/html_main_text.py [--pages FOLDER ...] [--footer 120] [--show]

By default every set is printed in one run: ``tests/fixtures/blind_html`` (19 pages),
``tests/fixtures/blind_html_outlets`` (14 pages of twelve more outlets), and each of them
again with ``--footer`` footer paragraphs added ("Liên hệ quảng cáo …", "Giấy phép số …"):
inside a ``<footer>`` element, inside a ``div.footer``, and as bare ``<p>`` elements under
``<body>`` with no markup saying they are a footer.

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
from dataclasses import replace
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
SETS = [REPO / "tests" / "fixtures" / "blind_html",
        REPO / "tests" / "fixtures" / "blind_html_outlets"]
FOOTER_LINES = [
    "Liên hệ quảng cáo: {n} Phòng Kinh doanh, tầng {n}, số {n}{n} Trần Hưng Đạo, Hà Nội.",
    "Giấy phép số {n}{n}/GP-BTTTT ngày {n}/{n}/2020 của Bộ Thông tin và Truyền thông.",
    "Tổng biên tập: Nguyễn Văn {n}. Phó tổng biên tập: Trần Thị {n}.",
    "Tòa soạn: {n}{n} Lê Duẩn, Hà Nội. Điện thoại: 024 38{n}{n} 4{n}{n}.",
    "Liên hệ quảng cáo trực tuyến: 09{n}{n} 3{n}{n} 2{n}{n}, email quangcao{n}@example.vn.",
    "Ghi rõ nguồn khi phát hành lại thông tin từ website này (mục {n}).",
]


FOOTER_WRAPS = {"<footer>": '<footer class="site-footer">{}</footer>',
                "div.footer": '<div class="footer">{}</div>', "bare <p>": "{}"}


def with_footer(html: str, count: int, wrap: str) -> str:
    """``html`` with ``count`` footer paragraphs added before ``</body>``, wrapped in
    ``FOOTER_WRAPS[wrap]``."""
    lines = "".join(f"<p>{FOOTER_LINES[k % len(FOOTER_LINES)].format(n=k % 9 + 1)}</p>"
                    for k in range(count))
    block = FOOTER_WRAPS[wrap].format(lines)
    at = html.lower().rfind("</body>")
    return html[:at] + block + html[at:] if at >= 0 else html + block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, nargs="*", default=SETS)
    parser.add_argument("--footer", type=int, default=120,
                        help="footer paragraphs of the augmented variants (0: none)")
    parser.add_argument("--show", action="store_true", help="print thoisu's text of each page")
    args = parser.parse_args()
    summary = []
    for folder in args.pages:
        pages = read_html_set(folder)
        summary.append(run(f"{folder.name}", pages, args.show))
        if args.footer:
            for how in FOOTER_WRAPS:
                variant = [replace(p, html=with_footer(p.html, args.footer, how)) for p in pages]
                summary.append(run(f"{folder.name} + {args.footer} footer paragraphs ({how})",
                                   variant, args.show))
    print("\nall sets (thoisu / trafilatura.extract, mean token F1; min; pages below "
          "trafilatura by > 0.01; lost):")
    for line in summary:
        print("  " + line)


def run(name: str, pages: list, show: bool) -> str:
    """Print one set page by page; return its summary line."""
    settings = Settings()
    print(f"\n== {name}")
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
        if show:
            print("   " + text.replace("\n", "\n   "))
    mine, base = statistics.mean(ours), statistics.mean(theirs)
    print(f"\nmean token F1: thoisu {mine:.3f}, trafilatura.extract {base:.3f} "
          f"(difference {mine - base:+.3f}); pages {len(pages)}")
    print(f"min token F1: thoisu {min(ours):.3f}, trafilatura.extract {min(theirs):.3f}")
    print(f"pages lost by thoisu: {lost}; sapo recovered as lead: {sapo_ok}/{sapo_total}; "
          f"publication date exact: {date_ok}/{date_total}")
    below = sum(1 for a, b in zip(ours, theirs, strict=True) if a < b - 0.01)
    return (f"{name:62} {mine:.3f} / {base:.3f}  min {min(ours):.3f} / {min(theirs):.3f}  "
            f"below {below}  lost {lost}")


if __name__ == "__main__":
    main()
