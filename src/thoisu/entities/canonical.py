"""From mentions to entities: resolve what a sentence left open, merge variants of one name.

A name the rules could not type in its sentence takes the type the same name got elsewhere in
the article (``Peskov`` after ``ông Dmitry Peskov``), else the CRF's guess when it is enabled,
else a shape rule: two to four capitalised Latin words starting with a common given name are a
person (``Sergey Rudskoi``); anything else stays out rather than being guessed.
Variants are merged under one canonical name: the gazetteer's (``Moscow`` → ``Moskva``,
``IS`` → ``Nhà nước Hồi giáo (IS)``), and for persons the fullest name whose last word a short
mention shares (``Putin``, ``Tổng thống Putin`` → ``Vladimir Putin``; ``ông Thanh`` →
``Lê Trí Thanh``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from thoisu.entities.combine import with_model
from thoisu.entities.crf import get_crf
from thoisu.entities.cues import ENGLISH_WORDS, GIVEN_NAMES, NAME_PARTICLES
from thoisu.entities.gazetteer import Gazetteer, default_gazetteer, gazetteer_with, tokenize
from thoisu.entities.ner import Mention, find_mentions
from thoisu.model import Article, Entity
from thoisu.model import Mention as ModelMention
from thoisu.settings import Settings
from thoisu.text.sentences import article_sentences


def article_parts(article: Article) -> list[tuple[int | None, str]]:
    """Every text of the article that names things, with its ``Mention.sentence`` index.

    The title is ``None``; the sentences (lead, body paragraphs and subheadings) are
    ``0 … n-1``, as in ``article.sentences``; captions follow them: caption ``k`` is
    ``n + k`` (captions are article text: a person may be named only under a photo).
    """
    texts: list[tuple[int | None, str]] = [(None, article.title)] if article.title else []
    sentences = article.sentences or article_sentences(article.lead, article.paragraphs)
    texts.extend((k, s.text) for k, s in enumerate(sentences))
    texts.extend((len(sentences) + k, c) for k, c in enumerate(article.captions) if c.strip())
    return texts


def _last_word(words: list[str]) -> str:
    return words[-1] if words else ""


def resolve(mentions: list[tuple[str, Mention]], use_crf: bool = False) -> list[Mention]:
    """Type the unresolved mentions of one article; drop those that stay unknown.

    ``mentions`` pairs each mention with its sentence (the CRF needs it).
    """
    by_text: dict[str, Counter[str]] = defaultdict(Counter)
    per_last: set[str] = set()
    for _, m in mentions:
        if m.type is not None:
            by_text[m.text][m.type] += 1
            if m.type == "PER" and len(m.words) > 1:
                per_last.add(_last_word(m.words))
    crf_cache: dict[str, list[tuple[int, int, str]]] = {}
    out: list[Mention] = []
    for sentence, m in mentions:
        if m.type is None:
            m.type = _guess(m, sentence, by_text, per_last, use_crf, crf_cache)
            if m.type is None:
                continue
        out.append(m)
    return out


def _guess(m: Mention, sentence: str, by_text: dict[str, Counter[str]], per_last: set[str],
           use_crf: bool, crf_cache: dict[str, list[tuple[int, int, str]]]) -> str | None:
    if m.rule == "single":
        # One Vietnamese syllable is a name only as the given name of a person the article
        # names in full ("Nguyễn Văn Tám ... Tám kể"); anything else is a word ("Hồi giáo").
        if m.text in per_last:
            m.rule += "+given-name"
            return "PER"
        if m.guess is not None:  # the model read the context: "Năm 1971, Bảy đã …"
            m.rule += "+model"
            return m.guess
        return None
    if m.text in by_text:
        m.rule += "+same-name"
        return by_text[m.text].most_common(1)[0][0]
    words = m.words
    if (_last_word(words) in per_last and len(_last_word(words)) >= 3 and len(words) <= 3
            and words[0] not in ENGLISH_WORDS):
        m.rule += "+same-person"
        return "PER"
    if m.guess is not None:
        m.rule += "+model"
        return m.guess
    if use_crf:
        if sentence not in crf_cache:
            crf_cache[sentence] = get_crf().spans(sentence)
        for start, end, kind in crf_cache[sentence]:
            if start < m.end and m.start < end:
                m.rule += "+crf"
                return kind
    # Vietnamese capitalised runs without a family name or a cue are too often titles of
    # festivals or works ("Vui xuân Bính Ngọ"); foreign ones are persons when they start with
    # a common given name and hold no word of an English title ("Top Billboard", "The Hills").
    if (2 <= len(words) <= 4 and words[0] in GIVEN_NAMES
            and not any(w in ENGLISH_WORDS for w in words[1:])
            and all(w.isascii() and (w[:1].isupper() or w.lower() in NAME_PARTICLES)
                    for w in words)):
        m.rule += "+shape"
        return "PER"
    return None


def _found(text: str, gaz: Gazetteer, use_model: bool) -> list[Mention]:
    """The rules' mentions of one text, with the model's additions when it is on."""
    found = find_mentions(text, gaz, singles=True)
    return with_model(text, found, gaz) if use_model else found


def article_mentions(article: Article, gazetteer: Gazetteer | None = None,
                     use_crf: bool = False, use_model: bool = True) -> list[Mention]:
    """Every typed name occurrence of the article's title, sentences and captions."""
    gaz = gazetteer or default_gazetteer()
    pairs = [(text, m) for _, text in article_parts(article)
             for m in _found(text, gaz, use_model)]
    return resolve(pairs, use_crf=use_crf)


# How much a rule's type counts when one name got several: a title or a head noun says more
# than a preposition, which says more than the shape of the name.
_RULE_WEIGHT = {"title": 4, "org-head": 4, "place-cue": 2, "org-cue": 2, "vietnamese-name": 1,
                "capitalised": 1}


def _person_key(m: Mention) -> str:
    return _last_word(m.words)


def _grouped(mentions: list[Mention]) -> tuple[dict[tuple[str, str], list[Mention]],
                                               dict[tuple[str, str], int]]:
    """Mentions under their (canonical name, type), with the order each group first appeared."""
    # A name the gazetteer does not know takes one type: the one its strongest cues voted for
    # ("SWIFT" after "mạng" and after "tại" is one thing, not two).
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.canonical is None and m.type is not None:
            votes[m.text][m.type] += _RULE_WEIGHT.get(m.rule.split("+")[0], 1)
    for m in mentions:
        if m.canonical is None and len(votes[m.text]) > 1:
            m.type = votes[m.text].most_common(1)[0][0]
    # Persons: the short forms go under the fullest name that ends with the same word.
    full_by_last: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.type == "PER":
            name = m.canonical or m.text
            full_by_last[_person_key(m)][name] += 1
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    order: dict[tuple[str, str], int] = {}
    for m in mentions:
        assert m.type is not None
        name = m.canonical or m.text
        if m.type == "PER" and m.canonical is None:
            candidates = full_by_last.get(_person_key(m))
            if candidates:
                longer = [c for c in candidates if len(c) >= len(name)]
                name = max(longer, key=lambda c: (len(c.split()) > 1, candidates[c], len(c)))
        key = (name, m.type)
        groups[key].append(m)
        order.setdefault(key, len(order))
    return groups, order


def _entities(groups: dict[tuple[str, str], list[Mention]],
              order: dict[tuple[str, str], int]) -> list[Entity]:
    entities = [Entity(name=name, type=type_, count=len(ms),
                       variants=sorted({m.text for m in ms}))
                for (name, type_), ms in groups.items()]
    entities.sort(key=lambda e: (-e.count, order[(e.name, e.type)]))
    return entities


def merge_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    """Mentions grouped under canonical names, most mentioned first."""
    return _entities(*_grouped(list(mentions)))


def _options(settings: Settings | None, use_crf: bool | None,
             gazetteer: Gazetteer | None) -> tuple[bool, Gazetteer | None]:
    """Explicit arguments first, then the settings (``ner_crf``, ``gazetteer_file``)."""
    if settings is not None:
        if use_crf is None:
            use_crf = settings.ner_crf
        if gazetteer is None and settings.gazetteer_file:
            gazetteer = gazetteer_with(settings.gazetteer_file)
    return bool(use_crf), gazetteer


def extract_entities(article: Article, *, use_crf: bool | None = None,
                     gazetteer: Gazetteer | None = None, settings: Settings | None = None,
                     use_model: bool = True) -> list[Entity]:
    """The persons, organisations and places of one article, with counts and variants.

    >>> from thoisu.model import Article, Origin
    >>> a = Article(id="a", origin=Origin("x"), title="Moscow và Điện Kremlin",
    ...             paragraphs=["Tổng thống Nga Vladimir Putin đến Moskva."])
    >>> [(e.name, e.type, e.count) for e in extract_entities(a)][:2]
    [('Moskva', 'LOC', 2), ('Điện Kremlin', 'ORG', 1)]
    """
    crf, gaz = _options(settings, use_crf, gazetteer)
    return merge_mentions(article_mentions(article, gaz, crf, use_model))


def article_names(article: Article, settings: Settings | None = None, *,
                  use_crf: bool | None = None, gazetteer: Gazetteer | None = None,
                  use_model: bool = True) -> tuple[list[Entity], list[ModelMention]]:
    """The names stage: the article's entities and every mention, placed in its sentence.

    Reads ``article.title`` and ``article.sentences`` (split from the lead and paragraphs when
    the article has none yet). ``Mention.sentence`` indexes ``article.sentences`` (``None`` for
    the title); ``start``/``end`` are offsets in that sentence's text.

    >>> from thoisu.model import Article, Origin
    >>> a = Article(id="a", origin=Origin("x"), title="Ông Lê Văn Tám đến Huế",
    ...             paragraphs=["Ông Tám nói Huế đẹp."])
    >>> entities, mentions = article_names(a)
    >>> [(e.name, e.type, e.count) for e in entities]
    [('Lê Văn Tám', 'PER', 2), ('Huế', 'LOC', 2)]
    >>> [(m.text, m.name, m.sentence, m.start) for m in mentions][2:]
    [('Tám', 'Lê Văn Tám', 0, 4), ('Huế', 'Huế', 0, 12)]
    """
    crf, gaz = _options(settings, use_crf, gazetteer)
    gaz = gaz or default_gazetteer()
    placed: dict[int, int | None] = {}
    pairs: list[tuple[str, Mention]] = []
    for index, text in article_parts(article):
        for m in _found(text, gaz, use_model):
            placed[id(m)] = index
            pairs.append((text, m))
    kept = resolve(pairs, use_crf=crf)
    groups, order = _grouped(kept)
    name_of = {id(m): name for (name, _t), ms in groups.items() for m in ms}
    mentions = [ModelMention(text=m.text, name=name_of[id(m)], type=m.type or "",
                             sentence=placed[id(m)], start=m.start, end=m.end, rule=m.rule)
                for m in kept]
    return _entities(groups, order), mentions


def _name_words(name: str) -> list[str]:
    """The words of a name without its marks: ``al-Assad`` ends with ``Assad``."""
    return [t.text for t in tokenize(name) if t.text[0].isalnum()]


def merge_entities(lists: Iterable[Sequence[Entity]]) -> list[Entity]:
    """Several articles' entities as one list: counts added, variants joined, and a person's
    short name (``Putin``) folded into the fullest name ending with it (``Vladimir Putin``).

    >>> a = [Entity("Vladimir Putin", "PER", 2, ["Vladimir Putin"]), Entity("Nga", "LOC")]
    >>> b = [Entity("Putin", "PER", 3, ["Putin"]), Entity("Nga", "LOC", 2, ["Nga"])]
    >>> [(e.name, e.count, e.variants) for e in merge_entities([a, b])]
    [('Vladimir Putin', 5, ['Putin', 'Vladimir Putin']), ('Nga', 3, ['Nga'])]
    """
    flat = [e for entities in lists for e in entities]
    full_by_last: dict[str, Counter[str]] = defaultdict(Counter)
    for e in flat:
        if e.type == "PER" and _name_words(e.name):
            full_by_last[_name_words(e.name)[-1]][e.name] += e.count
    merged: dict[tuple[str, str], Entity] = {}
    for e in flat:
        name = e.name
        if e.type == "PER" and _name_words(name):
            candidates = full_by_last[_name_words(name)[-1]]
            longer = [c for c in candidates if len(c) >= len(name)]
            name = max(longer, key=lambda c: (len(c.split()) > 1, candidates[c], len(c)))
        key = (name, e.type)
        if key not in merged:
            merged[key] = Entity(name=name, type=e.type, count=0, variants=[])
        target = merged[key]
        target.count += e.count
        target.variants = sorted({*target.variants, *e.variants})
    order = {key: k for k, key in enumerate(merged)}
    return sorted(merged.values(), key=lambda e: (-e.count, order[(e.name, e.type)]))


def story_entities(articles: Sequence[Article]) -> list[Entity]:
    """The names of a story, merged across its analysed articles, most mentioned first.

    A story stage: it reads each article's ``entities`` (filled by the names stage) and finds
    no name again; the story's entry (``thoisu.analyse.ensure_analysed``) has analysed them.
    An article that was not analysed is refused with a message that says so.
    """
    for article in articles:
        if article.analysis_version is None:
            raise ValueError(f"article {article.id!r} ({article.origin}) is not analysed: "
                             "story_entities reads the names stage's entities; run "
                             "thoisu.analyse.ensure_analysed on the story's articles first")
    return merge_entities(article.entities for article in articles)
