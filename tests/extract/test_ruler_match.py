"""The entity ruler's faster matching gives the ruler's own matches, in its order, and one key where two
keys match the same tokens: the knowledge base's entry, then the first in order."""

import pytest
import spacy
from spacy.pipeline import EntityRuler

from spyglass.extract.entities import pipeline
from spyglass.extract.ruler_match import FastRulerMatch

PATTERNS = [
    {"label": "agency", "pattern": [{"ORTH": "NCSC"}], "id": "uk"},
    {"label": "agency", "pattern": [{"ORTH": "NCSC"}], "id": "us"},  # one spelling, two entries: a tie
    {"label": "agency", "pattern": [{"ORTH": "MAD"}], "id": "de"},
    {"label": "agency", "pattern": [{"ORTH": "APT-C-23"}], "id": "x"},  # not one token: stays a token pattern
    {"label": "unit", "pattern": [{"IS_TITLE": True}, {"LOWER": "security"}, {"LOWER": "bureau"}], "id": "rule"},
    {"label": "unit", "pattern": "Jiangsu Security Bureau", "id": "kb"},  # the same tokens as the rule: a tie
    {"label": "group", "pattern": "Fox Hunt"},
]


def blank_ruler() -> EntityRuler:
    nlp = spacy.blank("en")
    ruler: EntityRuler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(PATTERNS)
    return ruler


@pytest.mark.parametrize("text, expected", [
    ("The MAD said so.", [("agency||de", 1, 2)]),
    ("It was mad, and Mad too.", []),  # exact spelling only
    ("APT-C-23 and Fox hunt", [("group", 4, 6)]),  # a phrase in any case; the split acronym never
    ("Hubei Security Bureau, NCSC.", [("unit||rule", 0, 3), ("agency||uk", 4, 5)]),
])
def test_same_matches_as_the_ruler(text: str, expected: list[tuple[str, int, int]]) -> None:
    ruler = blank_ruler()
    doc = ruler.nlp.make_doc(text)
    fast = FastRulerMatch(ruler)(doc)
    assert [(ruler.nlp.vocab.strings[k], s, e) for k, s, e in fast] == expected
    if len(fast) == len({(s, e) for _, s, e in EntityRuler.match(ruler, doc)}):
        assert set(fast) <= set(EntityRuler.match(ruler, doc))


def test_two_keys_over_the_same_tokens_keep_one() -> None:
    ruler = blank_ruler()
    doc = ruler.nlp.make_doc("The Jiangsu Security Bureau and the NCSC met the MAD.")
    fast = [(ruler.nlp.vocab.strings[k], s, e) for k, s, e in FastRulerMatch(ruler)(doc)]
    assert fast == [("unit||kb", 1, 4), ("agency||uk", 6, 7), ("agency||de", 9, 10)]  # the kb entry over the rule
    ruler_spans = sorted({(s, e) for _, s, e in EntityRuler.match(ruler, doc)}, key=lambda m: (m[1] - m[0], -m[0]),
                         reverse=True)
    assert [(s, e) for _, s, e in fast] == ruler_spans


def test_the_pipeline_ruler_matches_as_before() -> None:
    nlp = pipeline()
    ruler = nlp.get_pipe("entity_ruler")
    assert isinstance(ruler.match, FastRulerMatch)
    text = ("The NCSC and the Fujian State Security Department said the MSS, the GRU and Shanghai's State Security "
            "Bureau ran APT31 and APT40 for the Ministry of State Security; the mad FSB and MAD disagreed.")
    doc = nlp.make_doc(text)
    assert {(s, e) for _, s, e in ruler.match(doc)} == {(s, e) for _, s, e in EntityRuler.match(ruler, doc)}
    labels = {doc[s:e].text: nlp.vocab.strings[k] for k, s, e in ruler.match(doc)}
    assert labels["MSS"].endswith("kb:cn-mss") and labels["APT31"].startswith("threat_group")
    assert labels["Fujian State Security Department"].endswith("kb:cn-mss-fujian")
