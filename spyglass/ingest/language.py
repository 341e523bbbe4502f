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
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "qui", "du", "pas", "de", "en", "d", "l", "qu",
           "été", "avait", "par", "au", "aux", "sur", "il", "ont", "cette"},
    "pl": {"i", "w", "nie", "na", "się", "z", "że", "do", "jest", "został", "przez", "to"},
    "nl": {"de", "het", "een", "en", "van", "niet", "zijn", "op", "dat", "voor", "met", "werd"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "fue", "para", "de", "se", "con", "su", "al"},
    "pt": {"o", "a", "os", "que", "em", "do", "da", "não", "uma", "para", "foi", "com", "de", "e", "no", "ao", "se"},
    "it": {"il", "di", "che", "è", "per", "una", "sono", "della", "nel", "con", "non", "gli", "la", "le", "da", "in",
           "del", "ha", "l"},
    "sv": {"och", "att", "det", "som", "en", "på", "är", "för", "med", "har", "inte", "till"},
    "no": {"og", "det", "som", "på", "er", "for", "med", "har", "ikke", "til", "av", "ble", "etter", "hadde", "mot"},
    "da": {"og", "det", "som", "på", "er", "for", "med", "har", "ikke", "til", "af", "blev", "efter", "havde", "mod"},
    "et": {"ja", "on", "ei", "et", "see", "oli", "ka", "kui", "mis", "aga", "tema", "aastat"},
    "lv": {"un", "ir", "ar", "uz", "par", "kas", "no", "tika", "bija", "gadā", "arī", "viņš"},
    "lt": {"ir", "kad", "yra", "su", "buvo", "jis", "iš", "į", "tai", "bet", "metų", "kaip"},
    "sk": {"a", "je", "na", "sa", "že", "v", "s", "bol", "ako", "aj", "pre", "rokov"},
    "cs": {"a", "je", "na", "se", "že", "v", "s", "byl", "jako", "také", "pro", "let"},
    "fi": {"ja", "on", "ei", "että", "oli", "hän", "se", "mutta", "kun", "myös", "vuotta", "joka"},
}

# Letters only some Latin-script languages write: with few stopwords ("i" is Polish "and" and
# Danish "in") they tell "Politiet anholdt ... i Aalborg" from Polish. A third of a stopword each.
_LETTERS = {
    "da": "æø", "no": "ø", "sv": "äö", "de": "äöüß", "pl": "ąćęłńśźż", "cs": "ěřůčšž", "sk": "ľĺŕôäčšž",
    "lt": "ėįųūčšž", "lv": "āēīķļņūčšž", "et": "õäöü", "fi": "äö", "fr": "èêàçœ", "es": "ñ¿¡", "pt": "ãõç",
    "it": "òùì", "nl": "ĳ",
}
_LETTER_WEIGHT = 1 / 3
# A language that writes these letters in nearly every sentence is unlikely for a text of this many
# letters holding none of them: its stopwords count half ("i" four times in a Danish text is no Polish).
_WRITTEN_OFTEN = {"pl", "cs", "sk", "lt", "lv", "da", "no", "sv", "fi", "de", "et"}
_LETTERS_EXPECTED_BY = 80
_HINT_SHARE = 0.75  # a page's declared language stands when its words score this share of the best


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
    lowered = sample.lower()
    seen = Counter(_WORD.findall(lowered))
    letters_seen = Counter(lowered)
    scores = {code: sum(seen[w] for w in stop) + _LETTER_WEIGHT * sum(letters_seen[c] for c in _LETTERS.get(code, ""))
              for code, stop in _STOPWORDS.items()}
    if letters >= _LETTERS_EXPECTED_BY:
        scores = {code: score / 2 if code in _WRITTEN_OFTEN and not any(letters_seen[c] for c in _LETTERS[code]) else score
                  for code, score in scores.items()}
    best = max(scores, key=lambda code: scores[code])
    declared = (hint or "").split("-")[0].lower()
    if scores[best] == 0:
        return declared or "en"
    if declared in scores and scores[declared] >= _HINT_SHARE * scores[best]:
        return declared  # the page's own <html lang>, where its words do not say otherwise
    return best
