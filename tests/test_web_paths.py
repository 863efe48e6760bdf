"""Links on pages are the routes' own paths; related stories score shared names as documented.

Both were rewritten for speed (a story page links every member and related story): these
tests hold them to what Starlette's ``url_path_for`` and a plain scoring in Python give.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from starlette.routing import NoMatchFound

from thoisu.model import Entity, Story
from thoisu.store import Store, cards
from thoisu.web import create_app
from thoisu.web.app import RoutePaths

VALUES = ["abc", "Huế", "a b", "100%", "x?y=1&z", "#frag", "ü\u0301", "'\"<>", "..", "0"]


def test_route_paths_are_those_of_url_path_for(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'paths.db'}")
    paths = RoutePaths(app)
    checked = 0
    for route in app.routes:
        for name, params in _named(route):
            for value in VALUES:
                given = dict.fromkeys(params, value)
                try:
                    expected = str(app.url_path_for(name, **given))
                except (NoMatchFound, AssertionError) as exc:
                    with pytest.raises(type(exc)):
                        paths.path_for(name, given)
                    continue
                assert paths.path_for(name, given) == expected, (name, given)
                checked += 1
    assert checked > 50
    for bad in ({"story_id": "a/b"}, {"story_id": ""}, {"nope": "x"}):
        with pytest.raises((NoMatchFound, AssertionError)):
            app.url_path_for("story_page", **bad)
        with pytest.raises((NoMatchFound, AssertionError)):
            paths.path_for("story_page", bad)
    with pytest.raises(NoMatchFound):
        paths.path_for("no_such_route", {})


def _named(route: object) -> list[tuple[str, list[str]]]:
    """(name, parameter names) of a route and of the routes of an included router."""
    found = []
    name = getattr(route, "name", None)
    convertors = getattr(route, "param_convertors", None)
    if name and convertors is not None:
        found.append((name, list(convertors)))
    for inner in getattr(route, "routes", None) or []:
        found += _named(inner)
    router = getattr(route, "router", None) or getattr(route, "original_router", None)
    for inner in getattr(router, "routes", None) or []:
        found += _named(inner)
    return found


def test_related_stories_score_shared_names_by_their_rarity(tmp_path: Path) -> None:
    rng = random.Random(7)
    names = [f"Tên {k}" for k in range(40)]
    stories = []
    for k in range(60):
        chosen = rng.sample(names[:10], 2) + rng.sample(names[10:], rng.randint(0, 6))
        # A name can be stored under two types ("Lenovo" a person and an organisation):
        # it is still one shared name.
        twice = [Entity(chosen[0], "ORG")] if k % 3 == 0 else []
        stories.append(Story(id=f"s{k:02d}", title=f"Chuyện {k}", articles=[],
                             entities=[Entity(n, "PER") for n in chosen] + twice))
    with Store.open(f"sqlite:///{tmp_path / 'related.db'}") as store:
        store.save_stories(stories)
        named = {s.id: {e.name for e in s.entities} for s in stories}
        # Counted per stored (name, type), as the store keeps them: a name under two types
        # counts twice where it is; it is listed once.
        rows = {s.id: [e.name for e in s.entities] for s in stories}
        spread = {n: sum(v.count(n) for v in rows.values()) for n in names}
        for story in stories[:20]:
            for cap in (200, 8):
                got = cards.related_stories(store, story.id, limit=5, max_spread=cap)
                mine = {n for n in named[story.id] if spread[n] <= cap}
                score = {other: sum(1 / math.log(2 + spread[n]) for n in rows[other]
                                    if n in mine)
                         for other, those in named.items()
                         if other != story.id and mine & those}
                best = sorted(score, key=lambda k: (-round(score[k], 9), k))[:5]
                assert [r.id for r in got] == best
                for related in got:
                    assert len(set(related.shared)) == len(related.shared)
                    assert set(related.shared) <= mine & named[related.id]
                    assert len(related.shared) == min(5, len(mine & named[related.id]))
