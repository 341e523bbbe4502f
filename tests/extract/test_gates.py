"""The speed gates of extraction skip work only where it would find nothing: a date rule's gate
finds something in every text the rule matches, and the methods' joined cue search matches exactly
the sentences some cue matches. Checked on hand-written text and on the devset and seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_path

from spyglass.extract.dates import RULES, find_date_phrases
from spyglass.extract.methods import any_cue
from spyglass.model.methods import METHODS

GATED = [(index, rule) for index, rule in enumerate(RULES) if rule.gate is not None]

# text, the kind of the gated rule that must read a date in it
FOUND = [
    ("He was arrested yesterday in Berlin.", "deictic"),
    ("Late last year the bureau opened a case.", "deictic"),
    ("Er wurde gestern festgenommen.", "deictic"),
    ("他昨天被捕。", "deictic"),
    ("She was charged the following month.", "anaphoric"),
    ("On the same day, prosecutors filed the indictment.", "anaphoric"),
    ("次日，他被起诉。", "anaphoric"),
    ("The trial opened in the spring of 2021.", "season"),
    ("They met in early summer 2019.", "season"),
    ("He was detained on Monday morning.", "weekday"),
    ("Prosecutors said on Thursday that he had confessed.", "weekday"),
    ("He was recruited three years ago.", "counted"),
    ("Two weeks later he left the country.", "counted"),
]

NOT_FOUND = [
    "The ministry issued a statement about trade.",
    "A spokesperson declined to comment on the matter.",
    "He mentioned the weekend and the holidays.",
]


def _texts() -> list[str]:
    texts = [t for t, _ in FOUND] + NOT_FOUND
    for folder in (shared_path("devset", "docs"), shared_path("seed")):
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).rglob("*"))
                  if p.suffix in (".txt", ".html", ".htm", ".jsonl")]
    return texts


def test_the_gated_rules_are_the_slow_ones() -> None:
    assert sorted(rule.kind for _, rule in GATED) == ["anaphoric", "counted", "deictic", "season", "weekday"]


@pytest.mark.parametrize("text, kind", FOUND)
def test_a_gated_rule_still_reads_its_dates(text: str, kind: str) -> None:
    rules = [rule for _, rule in GATED if rule.kind == kind]
    assert any(rule.pattern.search(text) for rule in rules), "the rule itself matches"
    assert all(rule.gate.search(text) for rule in rules if rule.pattern.search(text) and rule.gate)
    assert find_date_phrases(text, None), f"a date is read in {text!r}"


@pytest.mark.parametrize("text", NOT_FOUND)
def test_a_gate_turns_away_text_without_its_words(text: str) -> None:
    assert [rule.kind for _, rule in GATED if rule.gate and rule.gate.search(text)] == []


def test_every_text_a_rule_matches_passes_its_gate() -> None:
    texts = _texts()
    matched = 0
    for _, rule in GATED:
        assert rule.gate is not None
        for text in texts:
            if any(m.end() > m.start() for m in rule.pattern.finditer(text)):
                matched += 1
                assert rule.gate.search(text), f"the {rule.kind} gate misses a text the rule matches: {text[:80]!r}"
    assert matched > 20


def test_the_joined_cue_search_matches_exactly_where_some_cue_does() -> None:
    sentences = [s for text in _texts() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    sentences += ["He responded to a message from someone posing as a headhunter on LinkedIn.",
                  "The weather was fine and the talks went on."]
    cues = [cue.pattern for method in METHODS.values() for cue in method.cues]
    hits = 0
    for sentence in sentences:
        some_cue = any(p.search(sentence) for p in cues)
        hits += some_cue
        assert any(p.search(sentence) for p in any_cue()) == some_cue, sentence[:120]
    assert 0 < hits < len(sentences)
