"""Long alternations searched only where a word starts, and the one-case form of a name: both find
exactly what the plain patterns find."""

import re

import pytest

from spyglass.extract.foreign_names import _services, folded, service_matches
from spyglass.extract.methods import any_cue
from spyglass.extract.word_start import joined, starts_on_a_word
from spyglass.model import Document
from spyglass.model.methods import METHODS


@pytest.mark.parametrize("pattern, expected", [
    (r"\bhoney[- ]?traps?", True),
    (r"\b(?:all[- ])?expenses?[- ]paid", True),  # an optional word first, then a word
    (r"\b\d{1,2} days", True),
    (r"\b(?:spy|)ware", True),  # an empty choice: the word after it starts the match
    (r"\b-based", False),  # starts after a word, on a hyphen
    (r"\b(?:posing|-)x", False),
    (r"\b(?:ab)?", False),  # may match nothing at all
    (r"honey", False),  # may start inside a word
])
def test_which_patterns_can_only_start_a_word(pattern: str, expected: bool) -> None:
    assert starts_on_a_word(re.compile(pattern, re.IGNORECASE)) is expected


SENTENCES = [
    "She was offered an all-expenses-paid trip to a conference abroad.",
    "Prosecutors said he fell for a honey trap set by a handler.",
    "The anti-honeytrap training was run by the bureau.",  # inside a word: no cue starts there
    "Nothing in this sentence is about tradecraft at all.",
    "They met him through LinkedIn, posing as recruiters for a think tank.",
    "-based on a 30-day paid trip, the plan was clear.",
]


def test_joined_patterns_find_what_the_patterns_find() -> None:
    patterns = [re.compile(p, re.IGNORECASE) for p in (r"\bhoney[- ]?traps?", r"\b(?:all[- ])?expenses?[- ]paid",
                                                       r"-based", r"\b\d{1,2}-day")]
    together = joined(patterns)
    assert len(together) == 2  # the three that start a word, and the one that need not
    for sentence in SENTENCES:
        assert any(p.search(sentence) for p in together) == any(p.search(sentence) for p in patterns)


def test_every_method_cue_is_found_by_the_joined_cues() -> None:
    cues = [cue.pattern for method in METHODS.values() for cue in method.cues]
    for sentence in SENTENCES:
        assert any(p.search(sentence) for p in any_cue()) == any(c.search(sentence) for c in cues)


def test_folded_text_is_equal_where_ignorecase_is() -> None:
    for code in range(0x3000):
        char = chr(code)
        for other in {char.lower(), char.upper(), char.title(), char.casefold()}:
            if len(other) == 1 and re.fullmatch(re.escape(char), other, re.IGNORECASE):
                assert folded(char) == folded(other), (char, other)
    assert folded("ſ") == folded("s") and folded("İ") == "i"


def test_a_service_is_found_however_its_case_is_written() -> None:
    text = "Der BND und der bundesnachrichtendienst; die MİT. Das ſvr nicht."
    doc = Document(doc_id="d", text=text, segments=[])
    plain = [(m.start(), m.end(), kb) for p, kb, *_ in _services() for m in p.finditer(text)]
    found = [(m.start, m.end, m.kb_id) for m in service_matches(doc)]
    assert found == plain and len(found) >= 2


@pytest.mark.parametrize("word", ["Berg", "Ann", "Lee-Ann", "J.", "-", "_x", "Øst", "Li"])
def test_word_spans_are_where_the_word_pattern_matches(word: str) -> None:
    from spyglass.extract.references import word_spans

    text = ("Ann Berg met Bergström and Lee-Ann Berg_x at Berg's; J. Li, Lin, Li-Wei and _x Øst; Østby. "
            "Berg-Li said -- Ann.-Berg Berg")
    for lo, hi in [(0, len(text)), (4, 60), (13, len(text) - 3)]:
        for after, pattern in [(False, rf"\b{re.escape(word)}(?!\w)"), (True, rf"\b{re.escape(word)}\b")]:
            expected = [(lo + m.start(), lo + m.end()) for m in re.finditer(pattern, text[lo:hi])]
            assert word_spans(text, word, lo, hi, boundary_after=after) == expected


def test_joined_patterns_sorted_by_first_letter_find_what_each_finds() -> None:
    import re

    from spyglass.extract.word_start import first_characters, joined

    patterns = [re.compile(p, re.I) for p in (r"\b(?:posed|posing)\s+as\b", r"\bfake\s+profiles?\b",
                                                r"\b(?:paid|offered)\s+cash\b", r"\b\w+ly\s+recruited\b")]
    patterns.append(re.compile(r"\b(?i:honey)\s*trap\b"))  # case folded only inside the group
    assert first_characters(patterns[0]) == {"p"} and first_characters(patterns[3]) is None
    assert first_characters(patterns[4]) == {"h", "H"}
    together = joined(patterns)
    for text in ("He POSED as a buyer.", "a Fake profile", "they offered cash", "was quietly recruited",
                 "a Honey trap", "no cue here", "imposed as a rule", "profiled", "honeytrap"):
        assert any(p.search(text) for p in together) == any(p.search(text) for p in patterns), text


def test_an_alternation_grouped_by_first_letter_finds_the_same_spans() -> None:
    import re

    from spyglass.extract.word_start import by_first_letter

    pattern = re.compile(r"\b(?:spying|spied)\s+for\b|\bon behalf of\b|\bhelp(?:ing|ed)?\b|\bspies\b|"
                         r"\b(?:pass|hand)\w*\s+(?:\w+\s+){0,3}?to\b", re.I)
    grouped = by_first_letter(pattern)
    assert grouped.pattern != pattern.pattern
    for text in ("He spied for Iran and passed the plans to them.", "On behalf of the GRU, spies helped",
                 "handing documents over to a handler", "unhelpful espionage", "nothing"):
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in pattern.finditer(text)], text
    assert by_first_letter(re.compile(r"\d+ years|\bfor\b")) .pattern == r"\d+ years|\bfor\b"  # not all words


def test_literal_prefixes_are_what_every_match_begins_with() -> None:
    import re

    from spyglass.extract.word_start import literal_prefixes

    posing = literal_prefixes(re.compile(r"\b(?:posing|posed)\s+as\b", re.I))
    assert posing and all(any(word.startswith(p) for p in posing) for word in ("posing", "posed"))
    assert literal_prefixes(re.compile(r"\bfake\s+profiles?\b")) == {"fake"}
    assert literal_prefixes(re.compile(r"\bpa(?:y|id)\s+cash\b")) is None  # "pa" is too short to tell
    assert literal_prefixes(re.compile(r"\b(?:all\s+)?expenses\s+paid\b")) is None  # an optional opening
    assert literal_prefixes(re.compile(r"\b\w+ly\s+recruited\b")) is None
