"""HTML cleaning cost against page size: CPU per paragraph, thoisu beside trafilatura.extract.

    python benchmarks/html_scale.py [--sizes 10000 25000 50000 100000 200000]

Each page is an invented article (a title, a sapo, a few real paragraphs) followed by N tiny
paragraphs ("Dòng 17."), the shape of a hostile or broken page. Printed per size, in one run:
process CPU seconds of ``clean_page`` (thoisu's HTML path) and of ``trafilatura.extract`` alone
on the same page, each per paragraph in microseconds, and how the per-paragraph cost of each
grows against the smallest size (the target: thoisu flat within 1.5x from 10k to 200k).
Paragraphs past ``Settings.html_max_blocks`` are not parsed by thoisu (the page says so in
``Article.problems``), so with the default caps its total CPU stays flat and its cost per
paragraph falls; ``--uncapped`` parses every paragraph, to show its own passes are linear.
trafilatura reads them all.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from thoisu.clean import clean_page
from thoisu.model import Origin, RawPage
from thoisu.settings import Settings

HEAD = ("<html><head><title>Cầu mới nối hai bờ sông Hàn thông xe</title></head><body>"
        "<h1>Cầu mới nối hai bờ sông Hàn thông xe</h1>"
        "<p class='sapo'>Sáng 3/2, cây cầu mới nối hai bờ sông Hàn chính thức thông xe sau hai "
        "năm thi công.</p><div class='detail-content'>"
        "<p>Cầu dài 600 m, bốn làn xe, được xây với tổng vốn 1.200 tỉ đồng.</p>"
        "<p>Người dân hai quận không còn phải đi vòng qua cầu cũ vào giờ cao điểm.</p></div>")


def page(n: int) -> str:
    """An article followed by ``n`` tiny paragraphs."""
    return HEAD + "".join(f"<p>Dòng {k}.</p>" for k in range(n)) + "</body></html>"


def cpu(fn: Callable[..., object], *args: object) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*",
                        default=[10_000, 25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--uncapped", action="store_true",
                        help="html_max_blocks = html_max_nodes = 0: every paragraph is parsed "
                             "(shows that thoisu's own passes are linear)")
    parser.add_argument("--no-trafilatura", action="store_true",
                        help="skip the baseline (it is the slow part at 200k)")
    args = parser.parse_args()
    import trafilatura

    settings = Settings()
    if args.uncapped:
        settings = settings.replace(html_max_blocks=0, html_max_nodes=0)
    print(f"caps: html_max_blocks={settings.html_max_blocks}, "
          f"html_max_nodes={settings.html_max_nodes}")
    print(f"{'paragraphs':>10} {'thoisu s':>9} {'µs/par':>7} {'×first':>6}   "
          f"{'trafil. s':>9} {'µs/par':>7} {'×first':>6}")
    first_ours = first_theirs = None
    for n in args.sizes:
        html = page(n)
        ours = cpu(clean_page, RawPage(Origin(f"scale-{n}.html"), html=html), settings)
        per = ours / n * 1e6
        first_ours = first_ours or per
        line = f"{n:>10} {ours:9.2f} {per:7.1f} {per / first_ours:6.2f}"
        if not args.no_trafilatura:
            theirs = cpu(trafilatura.extract, html)
            tper = theirs / n * 1e6
            first_theirs = first_theirs or tper
            line += f"   {theirs:9.2f} {tper:7.1f} {tper / first_theirs:6.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
