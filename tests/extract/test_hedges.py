"""Tests for spyglass.extract.hedges: hand-written cue tables, then the devset's hedged claims."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import shared_path

from spyglass.extract.hedges import Hedge, find_hedge, find_hedges
from spyglass.model.vocabulary import HEDGES

CASES = [
    # sentence, kind, cue, source
    ("The pilot allegedly copied the flight manuals.", "alleged", "allegedly", None),
    ("The alleged handler worked from a consulate.", "alleged", "alleged", None),
    ("A chemist accused of selling formulas was arrested.", "alleged", "accused of", None),
    ("Two students suspected of photographing a base were held.", "alleged", "suspected of", None),
    ("She was detained on suspicion of spying for Moscow.", "alleged", "on suspicion of", None),
    ("According to the indictment, the courier met his handler in Vienna.", "attributed",
     "According to the indictment", "the indictment"),
    ("The courier met his handler in Vienna, according to court documents.", "attributed",
     "according to court documents", "court documents"),
    ("According to police, the drone flew over the base twice.", "attributed", "According to police", "police"),
    ("Prosecutors said the clerk sold passwords.", "attributed", "Prosecutors said", "prosecutors"),
    ("The bureau ran the operation, prosecutors say.", "attributed", "prosecutors say", "prosecutors"),
    ("Prosecutors allege the clerk sold passwords.", "alleged", "Prosecutors allege", "prosecutors"),
    ("Prosecutors alleged that the clerk sold passwords.", "alleged", "Prosecutors alleged", "prosecutors"),
    ("The ministry said the diplomat had been expelled.", "attributed", "The ministry said", "the ministry"),
    ("Police said the suspect was released on bail.", "attributed", "Police said", "police"),
    ("Officials said the network had been dismantled.", "attributed", "Officials said", "officials"),
    ("The FBI said in a statement that the laptop was a decoy.", "attributed", "The FBI said in a statement",
     "the FBI"),
    ("The network was run from a shipping office, said the FBI.", "attributed", "said the FBI", "the FBI"),
    ("The firm is said to have hired former soldiers.", "reported", "is said to", None),
    ("The officer reportedly met the engineer in Prague.", "reported", "reportedly", None),
    ("Local media reported that the man was a naval officer.", "reported", "Local media reported", "local media"),
    ("The Herald understands the suspect worked for the embassy.", "reported", "The Herald understands",
     "the Herald"),
    ("The group claimed the leak came from a contractor.", "alleged", "The group claimed", "the group"),
    ("The embassy denied that the attaché was involved.", "denied", "The embassy denied", "the embassy"),
    ("He denies all the charges.", "denied", "He denies", "he"),
    ("Beijing rejected the accusations as a smear.", "denied", "Beijing rejected", "Beijing"),
    ("The engineer pleaded not guilty to four counts.", "denied", "pleaded not guilty", None),
    ("Der Ingenieur soll Baupläne an einen Agenten weitergegeben haben.", "alleged",
     "soll Baupläne an einen Agenten weitergegeben haben", None),
    ("Der mutmaßliche Agent wurde in Köln festgenommen.", "alleged", "mutmaßliche", None),
    ("Laut Anklage traf er seinen Führungsoffizier in Wien.", "attributed", "Laut Anklage", "Anklage"),
    ("检方称，该男子曾多次向境外传递情报。", "attributed", "检方称", "检方"),
    ("该男子涉嫌为境外间谍机构窃取情报。", "alleged", "涉嫌", None),
    ("A lawyer told the court that the files were public.", "attributed", "A lawyer told the court", "a lawyer"),
    ("The consulate in Sydney said the visas were routine.", "attributed", "The consulate in Sydney said",
     "the consulate in Sydney"),
    ("The embassy has long rejected what it calls baseless accusations.", "denied",
     "The embassy has long rejected", "the embassy"),
    ("Dem Haftbefehl zufolge traf er den Offizier zweimal.", "attributed", "Dem Haftbefehl zufolge", "dem Haftbefehl"),
    ("\"She copied the wafer designs,\" added the prosecution.", "attributed", "added the prosecution",
     "the prosecution"),
    ("\"He met the handler twice,\" said the regional court.", "attributed", "said the regional court",
     "the regional court"),
]


@pytest.mark.parametrize("sentence, kind, cue, source", CASES)
def test_finds_hedge(sentence: str, kind: str, cue: str, source: str | None) -> None:
    start = sentence.index(cue)
    assert find_hedge(sentence) == Hedge(kind, cue, start, start + len(cue), source)


FINDINGS = [
    "The engineer was convicted of economic espionage in May.",
    "She pleaded guilty to one count of theft of trade secrets.",
    "The jury found him guilty on all counts.",
    "He was found guilty and sentenced to six years.",
    "The analyst was denied bail on Tuesday.",
    "A man who called himself Victor and said he ran a consultancy was the handler.",
    "The court rejected that argument on appeal.",
    "Officers took the measures according to law.",
]


@pytest.mark.parametrize("sentence", FINDINGS)
def test_court_findings_are_not_hedges(sentence: str) -> None:
    assert find_hedge(sentence) is None


def test_finding_with_another_cue_keeps_the_cue() -> None:
    hedge = find_hedge("He was convicted of spying for Minsk, prosecutors said.")
    assert hedge is not None and (hedge.kind, hedge.cue) == ("attributed", "prosecutors said")


def test_span_picks_nearest_cue() -> None:
    sentence = ("Prosecutors said the clerk was paid in cash, and the contact was allegedly an officer "
                "of the Fujian bureau.")
    far = find_hedge(sentence, (sentence.index("paid"), sentence.index("paid") + 4))
    near = find_hedge(sentence, (sentence.index("Fujian"), sentence.index("bureau") + 6))
    assert far is not None and far.cue == "Prosecutors said"
    assert near is not None and near.cue == "allegedly"


GOVERNING = [
    # sentence, claim words, the cue a reader sees for them
    ("Prosecutors said he was paid by a firm which they said worked for the bureau.", "the bureau",
     "Prosecutors said"),
    ("The Courier understands investigators believe the firm was a front.", "a front", "The Courier understands"),
]


@pytest.mark.parametrize("sentence, claim, cue", GOVERNING)
def test_span_resolves_to_governing_cue(sentence: str, claim: str, cue: str) -> None:
    at = sentence.index(claim)
    hedge = find_hedge(sentence, (at, at + len(claim)))
    assert hedge is not None and hedge.cue == cue


def test_kinds_are_the_model_vocabulary() -> None:
    kinds = {h.kind for sentence, *_ in CASES for h in find_hedges(sentence)}
    assert kinds == set(HEDGES) - {"none"}


# ---------------------------------------------------------------- gold measurements

_SENTENCE_END = re.compile(r"[!?。！？\n]|(?<![A-Z.][A-Z])(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|No))"
                           r"(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mrs))\.(?=[\"”’]?\s)")


def _doc_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"(?s)<(script|style|head)\b.*?</\1>|<[^>]+>", "\n", text))
    return text


def _sentences(text: str) -> list[tuple[int, str]]:
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    return [(a, text[a:b]) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _value_phrases(claim: dict) -> list[str]:
    """How the claim's value may be written: as written, the value, the value without "(...)"."""
    value = claim["value"][0] if isinstance(claim["value"], list) else claim["value"]
    phrases = [claim.get("as_written"), value, re.sub(r"\s*\(.*?\)", "", str(value))]
    return [str(p) for p in phrases if p]


def _span(sentence: str, claim: dict) -> tuple[int, int] | None:
    for phrase in _value_phrases(claim):
        at = sentence.lower().find(phrase.lower())
        if at >= 0:
            return at, at + len(phrase)
    return None


def _check(text: str, claim: dict) -> tuple[bool, str]:
    """Does the sentence carrying this hedged claim get its hedge? (result, how it was located)"""
    sentences = _sentences(text)
    for part in claim["hedge"].split("; "):
        for _, sentence in sentences:
            at = sentence.lower().find(part.lower())
            if at >= 0:
                hedge = find_hedge(sentence, _span(sentence, claim))
                return hedge is not None and hedge.start < at + len(part) and at < hedge.end, "verbatim"
    # The gold cue is paraphrased ("MSS announcement"): use the sentence stating the value that
    # shares most words with the gold cue, and ask only that a hedge is found there.
    words = set(re.findall(r"\w+", claim["hedge"].lower()))
    holding = [s for _, s in sentences if _span(s, claim)]
    if not holding:
        return False, "unlocatable"
    sentence = max(holding, key=lambda s: len(words & set(re.findall(r"\w+", s.lower()))))
    return find_hedge(sentence, _span(sentence, claim)) is not None, "by value"


def test_devset_hedged_claims_carry_their_hedge() -> None:
    """The issue asks that at least 80% of hedged claims carry their hedge."""
    gold = json.loads(shared_path("devset", "gold.json").read_text(encoding="utf-8"))
    results = []
    for doc in gold["documents"]:
        text = _doc_text(shared_path("devset", doc["file"]))
        for claim in doc["claims"]:
            if claim.get("hedge"):
                ok, how = _check(text, claim)
                results.append((doc["doc_id"], claim["field"], claim["hedge"], how, ok))
    right = sum(ok for *_, ok in results)
    verbatim = [r for r in results if r[3] == "verbatim"]
    print(f"\ndevset hedges: {right}/{len(results)} = {right / len(results):.3f}; verbatim cues "
          f"{sum(r[4] for r in verbatim)}/{len(verbatim)}; misses: {[r for r in results if not r[4]]}")
    assert len(results) == 28
    assert right / len(results) >= 0.8, [r for r in results if not r[4]]  # measured 28/28


def test_cached_cues_are_the_cues_computed_afresh() -> None:
    from spyglass.extract.hedges import _candidates, _sorted_cues

    sentence = "Prosecutors said he allegedly passed files, according to the indictment."
    first = find_hedges(sentence)
    first.clear()  # a caller changing its list changes nothing for the next caller
    again = find_hedges(sentence)
    fresh = sorted(set(_candidates(sentence)), key=lambda h: (h.start, -h.end))
    assert again == fresh and [h.kind for h in again] == ["attributed", "alleged", "attributed"]
    assert _sorted_cues.cache_info().hits >= 1
