"""The learned sentence scorer: a small model stored as JSON inside the package.

Two kinds are understood: ``linear`` (features centred and scaled by stored constants, weights,
intercept) and ``trees`` (gradient-boosted regression trees as flat arrays). A model names the
features it reads, a subset of :data:`thoisu.summarize.features.FEATURES`. The packaged model
is a ridge regression over ratio features only (no corpus scales such as lengths or group
sizes); retrain with ``python -m thoisu.evaluate.summary_model --path ../shared/data/vims``
(see docs/summaries.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from thoisu.summarize.features import FEATURES


@dataclass
class Tree:
    feature: np.ndarray  # -1 at leaves
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        for _ in range(64):  # deeper than any tree we train
            feat = self.feature[node]
            inner = feat >= 0
            if not inner.any():
                break
            go_left = x[rows, np.where(inner, feat, 0)] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.value[node]


@dataclass
class Scorer:
    """Predicts how much of a sentence a human summary would keep (higher is better)."""

    kind: str
    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept: float = 0.0
    trees: list[Tree] = field(default_factory=list)
    learning_rate: float = 0.1
    selection: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """Scores of the rows of a full feature matrix (columns in FEATURES order)."""
        if len(matrix) == 0:
            return np.zeros(0)
        if list(self.features) != list(FEATURES):
            matrix = matrix[:, [FEATURES.index(f) for f in self.features]]
        x = (matrix - self.mean) / self.scale
        if self.kind == "linear":
            return np.asarray(x @ self.coef + self.intercept)
        out = np.full(len(x), self.intercept)
        for tree in self.trees:
            out += self.learning_rate * tree.predict(x)
        return out

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "features": self.features,
                                "mean": _round(self.mean), "scale": _round(self.scale),
                                "intercept": float(self.intercept),
                                "selection": self.selection, "meta": self.meta}
        if self.kind == "linear":
            data["coef"] = _round(self.coef)
        else:
            data["learning_rate"] = self.learning_rate
            data["trees"] = [{"feature": t.feature.tolist(), "threshold": _round(t.threshold),
                              "left": t.left.tolist(), "right": t.right.tolist(),
                              "value": _round(t.value)} for t in self.trees]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        names = list(data["features"])
        unknown = [f for f in names if f not in FEATURES]
        if unknown:
            raise ValueError(f"the summary model reads features this version does not compute "
                             f"({', '.join(unknown)}); retrain it with "
                             "python -m thoisu.evaluate.summary_model --path PATH_TO_VIMS")
        trees = [Tree(np.array(t["feature"], dtype=np.int64), np.array(t["threshold"]),
                      np.array(t["left"], dtype=np.int64), np.array(t["right"], dtype=np.int64),
                      np.array(t["value"])) for t in data.get("trees", [])]
        return cls(kind=data["kind"], features=names, mean=np.array(data["mean"]),
                   scale=np.array(data["scale"]), coef=np.array(data.get("coef", [])),
                   intercept=float(data["intercept"]), trees=trees,
                   learning_rate=float(data.get("learning_rate", 0.1)),
                   selection=dict(data.get("selection", {})), meta=dict(data.get("meta", {})))


def _round(a: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in a]


MODEL_FILE = "model.json"


def load_scorer(path: str | Path | None = None) -> Scorer:
    """The packaged model, or the one at ``path``. Callers keep the instance (no hidden cache)."""
    if path is None:
        where = f"the packaged {MODEL_FILE}"
        text = resources.files("thoisu.summarize").joinpath(MODEL_FILE).read_text("utf-8")
    else:
        where = str(path)
        text = Path(path).read_text(encoding="utf-8")
    try:
        return Scorer.from_json(json.loads(text))
    except ValueError as exc:  # also a file that is not JSON
        raise ValueError(f"{where}: {exc}") from exc
