"""The attribute ruler's faster matching gives exactly the ruler's own matches, and its faster writing the
same attributes."""

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from spyglass.extract.attribute_match import FastAttributeMatch, set_annotations
from spyglass.extract.entities import pipeline

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "ca", "TAG": "MD"}]], "attrs": {"LEMMA": "can"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},  # two tokens: the Matcher's
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}]], "attrs": {"LEMMA": "you"}},  # a regex: the Matcher's
]


@pytest.mark.parametrize("words, tags, deps, expected", [
    (["It", "is", "a", "cat"], ["PRP", "VBZ", "DT", "NN"], ["nsubj", "aux", "det", "attr"], [(0, 3, 4), (2, 1, 2), (3, 1, 2)]),
    (["That", "'s", "gon", "na", "do"], ["WDT", "VBZ", "VBG", "TO", "VB"], ["nsubj", "ROOT", "aux", "aux", "xcomp"],
     [(2, 1, 2), (3, 2, 3), (4, 0, 1), (6, 2, 4)]),  # "na" is TO: not an auxiliary
    (["to", "  ", "y'", "ca"], ["TO", "_SP", "PRP", "MD"], ["aux", "dep", "nsubj", "aux"], [(1, 3, 4), (3, 3, 4), (5, 1, 2), (7, 2, 3)]),
    ([], [], [], []),
])
def test_same_matches_as_the_ruler(words: list[str], tags: list[str], deps: list[str],
                                   expected: list[tuple[int, int, int]]) -> None:
    nlp = spacy.blank("en")
    ruler: AttributeRuler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    doc = Doc(nlp.vocab, words=words, tags=tags or None, deps=deps or None,
              heads=[0] * len(words) if words else None)
    fast = FastAttributeMatch(ruler)
    assert len(fast.others) == 2  # only the two-token and the regex patterns are left to the Matcher
    assert fast(doc) == AttributeRuler.match(ruler, doc)
    assert [(order, start, end) for order, _, start, end in fast(doc)] == expected


def test_the_model_ruler_matches_as_before() -> None:
    nlp = pipeline()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, FastAttributeMatch)
    text = ("Y'all ain't gonna believe it: there's nothing he'd do, and I'm sure it isn't what they're "
            "saying. Let's see whether the engineer, who was charged in 2023, can't   come.")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp(text)
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert len(ruler.match(doc)) > len(doc)


def test_the_model_ruler_writes_as_before() -> None:
    nlp = pipeline()
    ruler = nlp.get_pipe("attribute_ruler")
    text = ("She'd gone to the ministry, hadn't she? The engineers were sentenced on 3 May; y'all ain't "
            "gonna   see the officer's files, which he's said were copied.")
    columns = ["LEMMA", "POS", "TAG", "DEP", "MORPH", "HEAD"]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        ours, theirs = nlp(text), nlp(text)
    matches = ruler.match(ours)
    set_annotations(ruler, ours, matches)
    AttributeRuler.set_annotations(ruler, theirs, matches)
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    assert [t.pos_ for t in ours] == [t.pos_ for t in theirs] and any(t.pos_ == "AUX" for t in ours)
    assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
