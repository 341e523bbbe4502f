"""Compare names of people and organisations across documents, with an explanation for each score.

Word order ("Xu Yanjun" / "Yanjun Xu"), split or hyphenated given names ("Zhen-yu", "Jian
Hong"), Han characters read as tone-less pinyin ("温浩宇" -> "wen haoyu"), transliterations
of one name ("Lebedinsky" / "Lebedinskiy" / "Lebiediński") and initials ("Thomas R.") are
recognised. A surname alone, or initials alone, is a weak match: it never merges two people
without other support (agency, country, dates), which the caller checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

STRONG = 0.85  # merge on the name alone
WEAK = 0.5  # merge only with support from the rest of the case

_HAN = re.compile(r"[\u3400-\u9fff]")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?", re.UNICODE)
# Transliteration folds, applied in order to one lower-case, accent-free token.
_FOLDS: list[tuple[str, str]] = [
    (r"tsj", "ch"), (r"sj", "sh"), (r"w", "v"), (r"j", "y"), (r"ie", "e"), (r"(iy|ij|yi)$", "y"), (r"^ye", "e"), (r"ks", "x"),
    (r"(sky|ski|skiy|skii)$", "ski"), (r"ts", "c"), (r"(?<=.)yo", "e"), (r"(?<=[^aeiouy])ov$", "ev"), (r"ck", "k"),
    (r"c(?![eiyh])", "k"), (r"ae", "a"), (r"oe", "o"), (r"ue", "u"), (r"ph", "f"), (r"kh", "h"), (r"(?<=.)ch", "h"),
    (r"(.)\1", r"\1"),
]


# Given names that are one name in different languages: an English report's "Eugene L." is a
# Polish report's "Jewgienij L." and a Russian one's "Yevgeny L."; and the short forms English
# writes for a given name ("Mike" for Michael, "Gene" for Eugene). Spellings are folded first.
GIVEN_NAME_EQUIVALENTS: list[set[str]] = [
    {"eugene", "yevgeny", "evgeny", "evgeni", "evgenii", "jewgienij", "ievgen", "yevhen", "gene"},
    {"alexander", "aleksandr", "alexandr", "oleksandr", "aleksander", "alexandre", "sasha"},
    {"michael", "mikhail", "michal", "michail", "mykhailo", "michel", "miguel", "mike", "mick", "mickey"},
    {"peter", "pyotr", "piotr", "petr", "pierre", "pedro", "pete"},
    {"paul", "pavel", "pawel", "pavlo", "pablo"},
    {"john", "ivan", "jan", "johann", "jean", "juan", "ioann", "johnny", "jack"},
    {"joseph", "iosif", "jozef", "josef", "giuseppe", "jose", "joe", "joey"},
    {"william", "wilhelm", "guillaume", "bill", "billy", "will", "willy"},
    {"robert", "roberto", "bob", "bobby", "rob", "robbie"},
    {"james", "jim", "jimmy", "jamie"},
    {"richard", "ricardo", "rick", "dick"},
    {"thomas", "tomas", "tom", "tommy"},
    {"david", "dave"},
    {"daniel", "danny"},
    {"henry", "harry", "heinrich", "henri", "enrique"},
    {"anthony", "antonio", "anton", "tony"},
    {"stephen", "steven", "stefan", "steve"},
    {"christopher", "chris"},
    {"george", "georgy", "georgii", "jerzy", "yuri", "yuriy", "jurij", "georg"},
    {"andrew", "andrei", "andrey", "andrzej", "andriy", "andreas", "andy"},
    {"nicholas", "nikolai", "nikolay", "mikolaj", "mykola", "nicolas", "klaus", "nick"},
    {"dmitry", "dmitri", "dmitrii", "dymitr", "dmytro"},
    {"sergei", "sergey", "siergiej", "serhiy", "sergiusz"},
    {"vladimir", "wladimir", "wlodzimierz", "volodymyr"},
    {"alexei", "alexey", "aleksei", "aleksiej", "oleksiy"},
    {"maria", "mariya", "marie", "mary", "marija"},
    {"catherine", "yekaterina", "ekaterina", "katarzyna", "katharina"},
]


# Cyrillic and Greek letters in a simple Latin reading, so that "Дмитрий Колкер" meets "Dmitry Kolker".
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f",
    "χ": "ch", "ψ": "ps", "ω": "o", "ά": "a", "έ": "e", "ή": "i", "ί": "i", "ό": "o", "ύ": "y", "ώ": "o",
})
# Case endings of Slavic, Baltic and Romance forms of one name ("Pabla Gonzaleza", "Algirdo Paleckio",
# "Дмитрия Колкера"): compared without them, longest first.
_ENDINGS = re.compile(r"(?:ovi|ego|ogo|omu|emu|iem|ija|iya|iy|ij|ya|ia|em|om|am|ou|io|as|is|us|ys|a|u|e|y|o|i|s)$")


def loose_key(name: str) -> str:
    """A key two spellings of one name share across scripts, transliterations, grammatical cases
    and languages' forms of a given name ("Евгения Спектора", "Eugene Spector"); for finding
    the documents that name a case, never for merging."""
    return " ".join(sorted(stem(_given_key(t)) for t in tokens(name)))


def inflected_alike(a: str, b: str) -> bool:
    """Two forms of one full name in a language that declines names ("Альгірдаса Палецкіса",
    "Альгірдас Палецкіс"): word for word, one stem starts the other (at least four letters)."""
    left, right = tokens(a), tokens(b)
    return len(left) == len(right) >= 2 and all(
        len(short := min(stem(x), stem(y), key=len)) >= 4 and max(stem(x), stem(y), key=len).startswith(short)
        for x, y in zip(left, right))


@lru_cache(maxsize=50_000)
def stem(token: str) -> str:
    """A name word without its case ending ("Paleckio" -> "paleck"), for comparing inflected forms."""
    stem = _ENDINGS.sub("", fold(token))
    return fold(stem) if len(stem) >= 3 else fold(token)  # folded again: the ending's removal may expose a fold


def same_word_inflected(form: str, word: str) -> bool:
    """`form` is `word` in another case ending ("Halasa", "Novákova" of "Halas", "Novák"): their
    stems agree, folded or as written (folding may read a letter before the ending differently)."""
    def latin(w: str) -> str:  # "Уилсона" -> "uilsona": endings are compared in Latin letters
        found = tokens(w)
        return found[0] if len(found) == 1 else w.lower()

    written = lambda w: _ENDINGS.sub("", w)  # noqa: E731
    form, word = latin(form), latin(word)
    return stem(form) == stem(word) or (len(written(word)) >= 4 and written(form) == written(word)) \
        or (len(word) >= 4 and written(form) == word)  # "Halasa": "Halas" and an ending


@lru_cache(maxsize=50_000)
def _given_key(token: str) -> str:
    folded = fold(token)
    for group in GIVEN_NAME_EQUIVALENTS:
        if folded in {fold(name) for name in group}:
            return fold(sorted(group)[0])
    return folded


@dataclass(frozen=True)
class NameMatch:
    score: float
    reason: str


@lru_cache(maxsize=50_000)
def tokens(name: str) -> tuple[str, ...]:
    """Lower-case, accent-free word tokens; Han characters become pinyin (family name, then the
    given name as one word); hyphens join ("Zhen-yu" -> "zhenyu")."""
    if _HAN.search(name):
        han = "".join(_HAN.findall(name))
        syllables = lazy_pinyin(han)
        if 2 <= len(syllables) <= 4:
            return (syllables[0], "".join(syllables[1:]))
        return tuple(syllables)
    text = name.lower()
    for digraph, latin in (("αυ", "av"), ("ευ", "ev"), ("ου", "ou"), ("αύ", "av"), ("εύ", "ev"), ("ού", "ou")):
        text = text.replace(digraph, latin)
    text = unicodedata.normalize("NFKD", text.translate(_LATIN))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ł", "l")
    out = []
    for token in _TOKEN.findall(text):
        out.append(token.lower().replace("-", "").replace("'", "").replace("’", ""))
    return tuple(out)


@lru_cache(maxsize=50_000)
def fold(token: str) -> str:
    """A spelling-independent key for one token of a transliterated name."""
    key = token.rstrip(".")
    for pattern, replacement in _FOLDS:
        key = re.sub(pattern, replacement, key)
    return key


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


@lru_cache(maxsize=200_000)
def compare(a: str, b: str) -> NameMatch:
    """How likely two names are the same person's name, and why."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return NameMatch(0.0, "no name")
    via_han = bool(_HAN.search(a)) != bool(_HAN.search(b))
    if sorted(ta) == sorted(tb):
        why = "same name read from Han characters as pinyin" if via_han else (
            "same words" if ta == tb else "same words in another order")
        return NameMatch(1.0 if not via_han else 0.9, why)
    if sorted(_joined(ta)) == sorted(_joined(tb)) or "".join(sorted(ta)) == "".join(sorted(tb)):
        return NameMatch(0.95, "given name written split, joined or hyphenated")
    if "".join(ta) == "".join(tb) or "".join(ta) == "".join(reversed(tb)):
        return NameMatch(0.95, "same letters, split differently")
    fa, fb = sorted(fold(t) for t in ta), sorted(fold(t) for t in tb)
    if fa == fb and not any(_is_initial(t) for t in ta + tb):
        return NameMatch(0.9, "transliteration variants of the same name")
    sa, sb = sorted(stem(t) for t in ta), sorted(stem(t) for t in tb)
    if sa == sb and len(ta) >= 2 and not any(_is_initial(t) for t in ta + tb):
        return NameMatch(0.86, "the same name in another grammatical case or script")
    ga, gb = sorted(_given_key(t) for t in ta), sorted(_given_key(t) for t in tb)
    if ga == gb and not any(_is_initial(t) for t in ta + tb):
        return NameMatch(0.85, "the same given name in another language, same surname")
    initials = _initial_match(ta, tb) or _initial_match(tb, ta)
    if initials:
        return initials
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 and fold(short[0]) in {fold(t) for t in long}:
        return NameMatch(0.6, "one word of the name (a surname or given name alone)")
    if len(short) >= 2 and {fold(t) for t in short} <= {fold(t) for t in long}:
        return NameMatch(0.9, "the shorter name's words all appear in the longer (a middle name)")
    if _is_initial(ta[-1]) and _is_initial(tb[-1]) and fold(ta[-1]) != fold(tb[-1]):
        return NameMatch(0.0, "different initials")
    shared = {fold(t) for t in ta} & {fold(t) for t in tb}
    if shared and len(ta) >= 2 and len(tb) >= 2:
        return NameMatch(0.5, "same surname, other given name (maybe an English given name or a relative)")
    return NameMatch(0.0, "different names")


def _joined(ts: tuple[str, ...]) -> tuple[str, ...]:
    """"lu jian hong" -> ("lu", "jianhong"): the given name as one word."""
    return (ts[0], "".join(ts[1:])) if len(ts) > 2 else ts


def _initial_match(ta: tuple[str, ...], tb: tuple[str, ...]) -> NameMatch | None:
    """"Klaus-Dieter K." against "Klaus-Dieter Krause": the given name and the surname's initial agree."""
    if len(ta) < 2 or not _is_initial(ta[-1]) or len(tb) < 2:
        return None
    given_a = [_given_key(t) for t in ta[:-1]]
    given_b = [_given_key(t) for t in tb[:-1]]
    if given_a == given_b and fold(tb[-1]).startswith(fold(ta[-1])):
        return NameMatch(0.8, "given name and the surname's initial agree")
    if given_a == given_b and _is_initial(tb[-1]) and fold(ta[-1]) == fold(tb[-1]):
        return NameMatch(0.8, "same given name and initial")
    return None
