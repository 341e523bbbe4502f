"""Guess a document's language from its script and its commonest words."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD = re.compile(r"[a-zäöüßéèàçąćęłńóśźż]+")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "was", "that", "for", "is", "with", "he", "said"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "sich", "auf", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "qui", "du", "pas"},
    "pl": {"i", "w", "nie", "na", "się", "z", "że", "do", "jest", "został", "przez", "to"},
    "nl": {"de", "het", "een", "en", "van", "niet", "zijn", "op", "dat", "voor", "met", "werd"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "fue", "para"},
    "pt": {"o", "a", "os", "que", "em", "do", "da", "não", "uma", "para", "foi", "com"},
}


def detect_language(text: str, hint: str | None = None) -> str:
    """An ISO 639-1 code. Scripts decide first; Latin text goes by stopword counts."""
    sample = text[:20000]
    letters = max(1, sum(ch.isalpha() for ch in sample))
    for code, script in (("ja", _KANA), ("ko", _HANGUL), ("zh", _CJK), ("ru", _CYRILLIC), ("ar", _ARABIC)):
        if len(script.findall(sample)) / letters > 0.2:
            return code
    words = _WORD.findall(sample.lower())
    scores = {code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    if scores[best] == 0:
        return (hint or "en").split("-")[0].lower()
    return best
