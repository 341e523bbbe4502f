"""Guess a document's language from its script and its commonest words."""

from __future__ import annotations

import re
from collections import Counter

_CJK = re.compile(r"[\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_GEORGIAN = re.compile(r"[\u10a0-\u10ff]")
_WORD = re.compile(r"[a-zäöüßéèàçąćęłńóśźżåøæõšžčėįųūāēīķļņěřůýíáúôľĺŕ]+")
# Cyrillic languages told apart by letters only one of them uses.
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_BULGARIAN_WORDS = re.compile(r"\b(?:са|във|със|беше|съд|през|години)\b", re.I)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "was", "that", "for", "is", "with", "he", "said"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "sich", "auf", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "qui", "du", "pas"},
    "pl": {"i", "w", "nie", "na", "się", "z", "że", "do", "jest", "został", "przez", "to"},
    "nl": {"de", "het", "een", "en", "van", "niet", "zijn", "op", "dat", "voor", "met", "werd"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "fue", "para"},
    "pt": {"o", "a", "os", "que", "em", "do", "da", "não", "uma", "para", "foi", "com"},
    "it": {"il", "di", "che", "è", "per", "una", "sono", "della", "nel", "con", "non", "gli"},
    "sv": {"och", "att", "det", "som", "en", "på", "är", "för", "med", "har", "inte", "till"},
    "no": {"og", "det", "som", "på", "er", "for", "med", "har", "ikke", "til", "av", "ble"},
    "da": {"og", "det", "som", "på", "er", "for", "med", "har", "ikke", "til", "af", "blev"},
    "et": {"ja", "on", "ei", "et", "see", "oli", "ka", "kui", "mis", "aga", "tema", "aastat"},
    "lv": {"un", "ir", "ar", "uz", "par", "kas", "no", "tika", "bija", "gadā", "arī", "viņš"},
    "lt": {"ir", "kad", "yra", "su", "buvo", "jis", "iš", "į", "tai", "bet", "metų", "kaip"},
    "sk": {"a", "je", "na", "sa", "že", "v", "s", "bol", "ako", "aj", "pre", "rokov"},
    "cs": {"a", "je", "na", "se", "že", "v", "s", "byl", "jako", "také", "pro", "let"},
    "fi": {"ja", "on", "ei", "että", "oli", "hän", "se", "mutta", "kun", "myös", "vuotta", "joka"},
}


def detect_language(text: str, hint: str | None = None) -> str:
    """An ISO 639-1 code. Scripts decide first; Latin text goes by stopword counts."""
    sample = text[:20000]
    letters = max(1, sum(map(str.isalpha, sample)))
    for code, script in (("ja", _KANA), ("ko", _HANGUL), ("zh", _CJK), ("ru", _CYRILLIC), ("ar", _ARABIC),
                         ("el", _GREEK), ("ka", _GEORGIAN)):
        share = len(script.findall(sample)) / letters
        if share > 0.2 or (code == "ja" and share > 0.05 and len(_CJK.findall(sample)) / letters > 0.2):
            if code == "ru" and len(_UKRAINIAN.findall(sample)) > 5:
                return "uk"
            if code == "ru" and len(_BULGARIAN_WORDS.findall(sample)) > 3:
                return "bg"
            return code
    words = _WORD.findall(sample.lower())
    seen = Counter(words)
    scores = {code: sum(seen[w] for w in stop) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    if scores[best] == 0:
        return (hint or "en").split("-")[0].lower()
    return best
