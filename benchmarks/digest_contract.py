"""Does a change keep the digest JSON? The digest of the same inputs by two source trees,
compared key by key, with the keys the newer contract added set aside.

    python benchmarks/digest_contract.py --base /tmp/old/src [PATH...]

``--base`` is the ``src`` folder of the older checkout (``git worktree add /tmp/old REV``).
By default the inputs are the seed pages and the first 20 ViMs clusters. Prints how many
articles and stories each tree made and every key that differs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
# Story keys the turn-3 contract added (README, "The digest JSON").
NEW_STORY_KEYS = {"teaser", "outlets", "span_start", "span_end", "latest", "disagreements"}


def digest(src: Path, inputs: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, "-m", "thoisu", "digest", str(inputs), "--format", "json",
                    "-o", str(out), "-q"], check=True, env=env)
    return json.loads(out.read_text(encoding="utf-8"))


def differences(old: dict, new: dict) -> list[str]:
    found = []
    for kind, drop in (("articles", set()), ("stories", NEW_STORY_KEYS)):
        if len(old[kind]) != len(new[kind]):
            found.append(f"{kind}: {len(old[kind])} before, {len(new[kind])} after")
        for a, b in zip(old[kind], new[kind], strict=False):
            for key in sorted((set(a) | set(b)) - drop):
                if a.get(key) != b.get(key):
                    found.append(f"{kind} {a.get('id')}: {key!r} differs")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, type=Path, help="src folder of the old tree")
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for path in args.paths or [DATA / "seeds"]:
            shutil.copytree(path, inputs / path.name)
        if not args.paths:
            for cluster in sorted((DATA / "vims" / "data").iterdir())[:args.clusters]:
                shutil.copytree(cluster, inputs / f"vims_{cluster.name}")
        old = digest(args.base, inputs, Path(tmp) / "old.json")
        new = digest(HERE.parent / "src", inputs, Path(tmp) / "new.json")
    print(f"before: {len(old['articles'])} articles, {len(old['stories'])} stories; "
          f"after: {len(new['articles'])} articles, {len(new['stories'])} stories")
    found = differences(old, new)
    print("\n".join(found) if found else "identical but for the keys the contract added")


if __name__ == "__main__":
    main()
