"""How a predicted value is compared with gold: normalised text, and gold's "Name (Other name)" form."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]")


def norm(value: str | None) -> str | None:
    """NFKC, case-folded, punctuation dropped, spaces collapsed; None stays None."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).casefold()
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split()) or None


def gold_forms(value: str | None) -> set[str | None]:
    """Gold writes some names as "华洲时报 (Huazhou Times)" or "Britannia News Agency (BNA)": each part counts."""
    if value is None:
        return {None}
    forms = {norm(value)}
    match = re.match(r"^(.*?)\s*\((.*)\)\s*$", value)
    if match:
        forms |= {norm(match.group(1)), norm(match.group(2))}
    return forms


def same(predicted: str | None, gold: str | None) -> bool:
    return norm(predicted) in gold_forms(gold)
