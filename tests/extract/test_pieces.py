"""Long body segments are cut into pieces the parser takes, at the best break, covering the text."""

import pytest

from spyglass.extract.pieces import pieces

PARAGRAPHS = "First paragraph here.\n\nSecond one, a bit longer.\n\nThird."
LINES = "line one is here\nline two is here\nline three is here"
SENTENCES = "One sentence. Two sentence. Three sentence. Four."
WORDS = "alpha beta gamma delta epsilon zeta eta theta"


@pytest.mark.parametrize(("text", "limit", "first"), [
    (PARAGRAPHS, 40, "First paragraph here.\n\n"),
    (LINES, 30, "line one is here\n"),
    (SENTENCES, 20, "One sentence. "),
    (WORDS, 12, "alpha beta "),
    ("x" * 25, 10, "x" * 10),  # no break at all: a hard cut
    (PARAGRAPHS, 1000, PARAGRAPHS),
])
def test_pieces_cut_at_the_best_break_and_cover_the_text(text: str, limit: int, first: str) -> None:
    cut = pieces(100, text, limit)
    assert cut[0] == (100, first)
    assert "".join(piece for _, piece in cut) == text
    assert all(len(piece) <= limit for _, piece in cut)
    assert all(text[offset - 100 : offset - 100 + len(piece)] == piece for offset, piece in cut)
