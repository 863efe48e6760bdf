"""Blind check of the summarizer: invented multi-article groups with a hand summary each.

The groups (tests/fixtures/summaries_blind/groups.json: 8 stories, 3 outlets each, written
after the summarizer's rules) are scored like ViMs: syllable ROUGE F1, every system cut to
the reference length, thoisu given that length as its budget. Lead, Centroid and MMR run on
the same candidates in the same run. Also prints, per group, whether any chosen sentence
breaks a readability rule.

    python benchmarks/summarize_blind.py
"""

from __future__ import annotations

import json
from pathlib import Path

from thoisu.evaluate.baselines import centroid, lead, mmr
from thoisu.evaluate.rouge import mean_score, rouge, truncate
from thoisu.model import Origin
from thoisu.summarize import article_from_text, default_summarizer
from thoisu.summarize.features import group_features
from thoisu.summarize.readable import NOT_STANDALONE, standalone
from thoisu.text.syllables import syllable_tokens

GROUPS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "summaries_blind" / \
    "groups.json"


def main() -> None:
    groups = json.loads(GROUPS.read_text(encoding="utf-8"))
    scores: dict[str, list] = {"thoisu": [], "Lead": [], "Centroid": [], "MMR": []}
    summarizer = default_summarizer()
    for g in groups:
        articles = [article_from_text(a["title"], a["text"], Origin(f"{g['id']}/{k}"))
                    for k, a in enumerate(g["articles"])]
        ref = syllable_tokens(g["reference"])
        budget = len(ref)
        feats = group_features(articles)
        summary = summarizer.summarize_features(feats, budget)
        scores["thoisu"].append(rouge(truncate(syllable_tokens(summary.text), budget), [ref]))
        for name, fn in (("Lead", lead), ("Centroid", centroid), ("MMR", mmr)):
            picked = fn(feats.candidates, budget)
            tokens = [t for i in picked for t in feats.candidates[i].tokens]
            scores[name].append(rouge(truncate(tokens, budget), [ref]))
        bad = [s.text for k, s in enumerate(summary.sentences)
               if standalone(s.text).status == NOT_STANDALONE]
        print(f"{g['id']:<22} R-2 thoisu {100 * scores['thoisu'][-1].rouge2:5.1f}  "
              f"Lead {100 * scores['Lead'][-1].rouge2:5.1f}  "
              f"{len(summary.sentences)} sentences, {summary.syllables}/{budget} syllables"
              f"{'  NOT STANDALONE: ' + '; '.join(bad) if bad else ''}")
        print(f"    {summary.text}")
    print(f"\n{len(groups)} groups; ROUGE F1 (%), syllables, cut to the reference length")
    print(f"{'system':<9} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, values in scores.items():
        r1, r2, rl = mean_score(values).as_percent()
        print(f"{name:<9} {r1:6.1f} {r2:6.1f} {rl:6.1f}")


if __name__ == "__main__":
    main()
