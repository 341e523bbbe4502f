"""One key for a name written in scripts that spell vowels differently or not at all.

Arabic writes few vowels, Japanese katakana adds one after every consonant, Georgian and Latin
spellings of one name disagree on vowels ("დენიელ" / "Daniel"). What they keep is the run of
consonants, once sounds each script cannot tell apart are folded into one class (p and b, l
and r, v and f, j and g, s and z). "دانيال خليفة", "დენიელ ხალიფი" and "Daniel Khalife" all
read "dnr hrf"; katakana writes an English r that ends a syllable as a long vowel, so
Latin names are also read without it. The key finds the pages that name a case in another script; it never merges.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spyglass.resolve.names import tokens

# Each letter's consonant class; "" for vowels, glides and letters that only carry a vowel.
_ARABIC = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "g", "چ": "c", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r",
    "ز": "s", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "غ": "g", "ف": "f", "ڤ": "f", "ق": "k",
    "ك": "k", "گ": "g", "ل": "r", "م": "m", "ن": "n", "ه": "h",
}
_GEORGIAN = {
    "ბ": "b", "გ": "g", "დ": "d", "ვ": "f", "ზ": "s", "თ": "t", "კ": "k", "ლ": "r", "მ": "m", "ნ": "n", "პ": "b",
    "ჟ": "g", "რ": "r", "ს": "s", "ტ": "t", "ფ": "f", "ქ": "k", "ღ": "g", "ყ": "k", "შ": "s", "ჩ": "c", "ც": "c",
    "ძ": "d", "წ": "c", "ჭ": "c", "ხ": "h", "ჯ": "g", "ჰ": "h",
}
_KANA_ROWS = {
    "k": "カキクケコ", "g": "ガギグゲゴジ", "s": "サスセソシザズゼゾヂヅ", "t": "タテト", "c": "チツ", "d": "ダデド",
    "n": "ナニヌネノン", "h": "ハヒヘホ", "f": "フヴ", "b": "バビブベボパピプペポ", "m": "マミムメモ", "r": "ラリルレロ",
}
_KATAKANA = {kana: cls for cls, row in _KANA_ROWS.items() for kana in row}
_FOREIGN = re.compile(r"[\u0600-\u06ff\u10a0-\u10ff\u30a0-\u30ff]")
_LATIN_DIGRAPHS = [("tch", "C"), ("ch", "C"), ("sh", "s"), ("zh", "g"), ("kh", "h"), ("ph", "f"), ("th", "t"),
                   ("ts", "C"), ("tz", "C"), ("ck", "k"), ("qu", "k"), ("x", "ks")]
_LATIN = str.maketrans({"p": "b", "l": "r", "v": "f", "j": "g", "q": "k", "z": "s", "w": None, "y": None,
                        "a": None, "e": None, "i": None, "o": None, "u": None})


def is_other_script(text: str) -> bool:
    """Whether a text is written in one of the scripts this key reads besides Latin (Arabic,
    Georgian, katakana)."""
    return bool(_FOREIGN.search(text))


def skeleton_keys(name: str) -> set[str]:
    """The consonant classes of each word of a name, sorted; none when a word has fewer than
    two (too little to tell one name from another). A Latin name also gives the reading without
    an r that ends a syllable, as katakana writes English ("Porter" -> "ポーター")."""
    if is_other_script(name):
        readings = [[_foreign_word(w) for w in re.split(r"[\s・·=]+", name) if w]]
    else:
        readings = [[_latin_word(t, rhotic) for t in tokens(name)] for rhotic in (True, False)]
    return {" ".join(sorted(words)) for words in readings if len(words) >= 2 and all(len(w) >= 2 for w in words)}


@lru_cache(maxsize=65536)  # the same names come back in every document that names them
def _latin_word(token: str, rhotic: bool = True) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", token.lower()) if c.isalpha() and not unicodedata.combining(c))
    if not rhotic:
        text = re.sub(r"(?<=[aeiouy])r+(?![aeiouy])", "", text)
    for digraph, sound in _LATIN_DIGRAPHS:
        text = text.replace(digraph, sound)
    text = re.sub(r"c(?=[eiy])", "s", text)
    text = text.replace("c", "k").replace("C", "c").translate(_LATIN)  # a hard c is k ("Spector")
    return _collapse(text)


@lru_cache(maxsize=65536)
def _foreign_word(word: str) -> str:
    if re.search(r"[\u10a0-\u10ff]", word) and len(word) > 3:
        word = re.sub(r"(?:ის|ს|მა|ით|ად|ო)$", "", word)  # Georgian case endings ("ხალიფს", "ხალიფის")
    out = []
    for char in word:
        out.append(_ARABIC.get(char) or _GEORGIAN.get(char) or _KATAKANA.get(char) or "")
    return _collapse("".join(out))


def _collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)
