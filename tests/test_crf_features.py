"""Our CRF features must be underthesea's, string for string, or segmentation would drift."""

from __future__ import annotations

from pathlib import Path

import joblib
import pytest

from thoisu.text.crf_features import compile_templates
from thoisu.text.sentences import split_sentences
from thoisu.text.words import segment


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    import underthesea.pipeline.word_tokenize as package
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    folder = sorted(Path(package.__file__).parent.joinpath("models").glob("ws_crf_*"))[-1]
    reference = FastCRFSequenceTagger()
    reference.load(str(folder))
    ours = compile_templates(joblib.load(folder / "features.bin"),
                             joblib.load(folder / "dictionary.bin"))
    assert ours is not None
    return reference, ours


def _sentences(vims_clusters, clusters: int) -> list[str]:  # type: ignore[no-untyped-def]
    articles = [a for c in vims_clusters[:clusters] for a in c.articles]
    return [s for a in articles for s in split_sentences(a.text)]


def test_features_identical_on_real_text(model, vims_clusters) -> None:  # type: ignore[no-untyped-def]
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    reference, ours = model
    odd = [["A"], ["28/3", "IS"], ["Giấy", "số", "011043002151", "01"], ["“", "iPhone", "al-Assad"]]
    real = [tokenize(s, use_token_normalize=False) for s in _sentences(vims_clusters, 15)]
    for tokens in odd + real:
        expected = reference.featurizer.process([[[t] for t in tokens]])[0]
        assert [list(row) for row in ours(tokens)] == expected, tokens


def test_unknown_templates_fall_back() -> None:
    assert compile_templates(["T[0]", "W[0].shape"], set()) is None
    assert compile_templates(["T[0,4]"], set()) is None


def test_segmentation_agrees_with_underthesea(vims_clusters) -> None:  # type: ignore[no-untyped-def]
    from underthesea import word_tokenize

    sentences = _sentences(vims_clusters, 5)
    same = sum(segment(s) == [w.replace(" ", "_") for w in word_tokenize(s)] for s in sentences)
    # underthesea also rewrites a few tokens (its token normalisation), which we skip
    assert same / len(sentences) >= 0.995
