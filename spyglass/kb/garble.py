"""Garble-tolerant agency names: keys that survive machine translation, spinning and word order, and their matcher.

Translation and spinning keep what an agency name means but not its words: 湖南省国家安全厅
comes back as "State Security Hall of Hunan Province" or "Ministry of National Security of
Hunan Province", 英国安全局 as "British Security Bureau". `garble_key` maps
such renderings onto one vocabulary (spyglass/kb/data/garble.json) and forgets word order, so
the key of a garbled name equals the key of one of the entry's own names. `GarbleMatcher` is
only asked when exact lookup failed; it tries, in turn: equal keys; equal keys without unit
words ("Military Intelligence Five Office" vs "MI5"); a known acronym inside the name ("des
russischen Geheimdienstes FSB"); a bare acronym equal to the initials of a name (confirmed by context
in the linker); and a fuzzy token-set comparison limited to agencies whose distinctive tokens
(place, country, acronym) agree. Every answer carries its stage and scores; a tie is reported,
never resolved by picking one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from spyglass.extract.places import country_name, country_of_demonym
from spyglass.kb.builtin import normalise_alias

MATCHER, VERSION = "agency-garble", "1"
UNIT, MINISTRY, COUNTRY = "unit", "ministry", "@"
# A token carried by more identities than this is vocabulary ("security"), not a distinctive mark.
MAX_SHARED = 3
SET_THRESHOLD = 90.0  # token-set similarity a fuzzy match needs ...
TOKEN_THRESHOLD = 80.0  # ... where each word that differs is a misspelling of one of the name's (no extra words)
TIE_MARGIN = 2.0  # fuzzy scores this close are a tie
MAX_EXTRA_WORDS = 4  # words beside a known acronym: "des russischen Geheimdienstes FSB" is a name, a sentence is not
FUZZY_TYPES = ("state_agency", "agency_unit")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # keeps inner apostrophes: russia's, people's
_QUALIFIED = re.compile(r"^(.*\S)\s*\(([^()]+)\)\s*$")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,6}$")
_MAX_COUNTRY_WORDS = 5
_ELISION = re.compile(r"^[dl]'")  # French and Italian elided articles: "Service d'Intelligence"
_APOSTROPHES = "'\u2019\u2018"
# a Latin or Cyrillic letter or digit; Han text has no spaces, so a Chinese form may sit anywhere
_LETTER = r"[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


@dataclass(frozen=True)
class Vocabulary:
    state: frozenset[str]
    security: frozenset[str]
    units: frozenset[str]
    ministry: frozenset[str]
    drop: frozenset[str]
    numbers: dict[str, int]
    military: tuple[tuple[str, ...], ...]
    han_prefixes: tuple[str, ...]
    han_suffixes: tuple[str, ...]
    han_units: dict[str, str]
    initials_skip: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw: dict[str, Any] = json.loads((resources.files("spyglass") / "kb" / "data" / "garble.json").read_text("utf-8"))
    return Vocabulary(
        state=frozenset(raw["state_words"]), security=frozenset(raw["security_words"]),
        units=frozenset(raw["unit_words"]), ministry=frozenset(raw["ministry_words"]),
        drop=frozenset(raw["drop_words"]), numbers=dict(raw["number_words"]),
        military=tuple(tuple(p.split()) for p in sorted(raw["military_intelligence"], key=len, reverse=True)),
        han_prefixes=tuple(raw["han_drop_prefixes"]), han_suffixes=tuple(raw["han_place_suffixes"]),
        han_units=dict(raw["han_unit_chars"]), initials_skip=frozenset(raw["initials_skip"]),
    )


# ------------------------------------------------------------------------------------ keys


def garble_key(name: str, units: bool = True) -> frozenset[str]:
    """The order-free key of an agency name: translation variants folded, filler words dropped.

    With `units`, the words for an agency's unit ("bureau", "hall", "service" ...) all become one and
    "nation(al)/state security" one phrase; without, both are kept as written: what the matcher compares
    when no place or acronym anchors a name ("State Security Agency" is not the National Security Agency).
    """
    v = vocabulary()
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    text = _HAN.sub(lambda m: f" {_han_key(m.group(), v)} ", text)
    tokens = _countries(_WORD.findall(text))
    tokens = _state_security(_military_numbers(tokens, v), v, fold_state=units)
    key: set[str] = set()
    for token in tokens:
        token = _ELISION.sub("", token).replace("'", "")
        if token in v.drop or not token:
            continue
        key.add(UNIT if units and token in v.units else MINISTRY if token in v.ministry else token)
    return frozenset(key)


def relaxed(key: frozenset[str]) -> frozenset[str]:
    """A key without its unit words: 处 "office" or 部 "ministry" added or lost in translation."""
    return key - {UNIT, MINISTRY}


def country_token(country: str | None) -> str | None:
    """The key token of a country as entries write it ("United Kingdom" -> "@united kingdom")."""
    if not country:
        return None
    found = country_name(country) or country_of_demonym(country) or country
    return COUNTRY + found.casefold()


def split_qualifier(name: str) -> tuple[str, str] | None:
    """"X (Y)" or "X（Y）" as (X, Y): a name with an acronym, translation or country in brackets."""
    m = _QUALIFIED.match(unicodedata.normalize("NFKC", name).strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else None


def acronyms(name: str) -> list[str]:
    """The all-capital words of a name (GRU, MI6, ФСБ), as written."""
    return [w for w in re.split(r"[^\w]+", unicodedata.normalize("NFKC", name)) if _ACRONYM.match(w)]


def initials(name: str) -> str | None:
    """"Hunan State Security Department" -> "HSSD"; None for names of fewer than three words or not Latin."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFKC", name))
             if w.casefold() not in vocabulary().initials_skip]
    if len(words) < 3 or not all(w[0].isascii() and w[0].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


def occurrences(form: str, text: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Where `form` is written in `text`: any apostrophe matches any; Latin and Cyrillic forms never inside a word."""
    pattern = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in form)
    if re.match(_LETTER, form[:1]):
        pattern = rf"(?<!{_LETTER})" + pattern
    if re.match(_LETTER, form[-1:]):
        pattern += rf"(?!{_LETTER})"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE if ignore_case else 0)]


def _han_key(run: str, v: Vocabulary) -> str:
    for prefix in v.han_prefixes:
        run = run.removeprefix(prefix)
    for suffix in v.han_suffixes:  # 江苏省 / 江苏, 上海市 / 上海, 广西壮族自治区 / 广西
        run = run.replace(suffix, "")
    for char, unit in v.han_units.items():  # 厅, 局 and 处 are each rendered bureau, department, office
        run = run.replace(char, unit)
    return run


def _countries(words: list[str]) -> list[str]:
    """Country names and demonyms (also possessive: "Russia's") become one token each."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
            found = _country(words[i:i + n])
            if found:
                out.append(COUNTRY + found.casefold())
                i += n
                break
        else:
            out.append(words[i].removesuffix("'s"))
            i += 1
    return out


def _country(words: list[str]) -> str | None:
    phrase = " ".join(words)
    for text in dict.fromkeys([phrase, phrase.removesuffix("'s")]):
        found = country_name(text) or country_of_demonym(" ".join(w.capitalize() for w in text.split()))
        if found:
            return found
    return None


def _military_numbers(tokens: list[str], v: Vocabulary) -> list[str]:
    """"Military Intelligence (Section) Six" and "MI 6" -> "mi6", as the British services are known."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in (*v.military, ("mi",)):
            n = len(phrase)
            if tuple(tokens[i:i + n]) == phrase and i + n < len(tokens):
                number = _number(tokens[i + n], v)
                if number is not None:
                    out.append(f"mi{number}")
                    i += n + 1
                    break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _number(token: str, v: Vocabulary) -> int | None:
    if token.isdigit() and len(token) <= 2:
        return int(token)
    return v.numbers.get(token)


def _state_security(tokens: list[str], v: Vocabulary, fold_state: bool) -> list[str]:
    """国家安全 as "nation/national/state security/safety" -> "state security"; any "safety" -> "security"."""
    out = list(tokens)
    for i, token in enumerate(out):
        if token in v.security:
            out[i] = "security"
            if fold_state and i and out[i - 1] in v.state:
                out[i - 1] = "state"
    return out


# ------------------------------------------------------------------------------------ matcher


@dataclass(frozen=True)
class Identity:
    """What the matcher knows of one identity: its representative, every name, types and countries."""

    rep: str
    names: tuple[str, ...]
    types: frozenset[str]
    countries: frozenset[str]  # country tokens, "@china"


@dataclass(frozen=True)
class GarbleMatch:
    """Candidates for a garbled name, the stage that found them and why; `tied` ones must not be merged."""

    reps: list[str]
    stage: str
    explanation: str
    needs_context: bool = False
    tied: bool = False


class GarbleMatcher:
    """Finds the identities a garbled agency name means, stage by stage (see the module text)."""

    def __init__(self, identities: Iterable[Identity]):
        self.identities = {i.rep: i for i in identities}
        self.by_key: dict[frozenset[str], set[str]] = {}
        self.by_strict: dict[frozenset[str], set[str]] = {}
        self.by_relaxed: dict[frozenset[str], set[str]] = {}
        self.by_acronym: dict[str, set[str]] = {}
        self.by_initials: dict[str, set[str]] = {}
        self.vocab: dict[str, set[str]] = {}
        # (key, key with unit words as written, normalised name) of each name, for the fuzzy stage
        self.spellings: dict[str, set[tuple[frozenset[str], frozenset[str], str]]] = {}
        for ident in self.identities.values():
            vocab = set(ident.countries)
            for name in ident.names:
                key = garble_key(name)
                if not key:
                    continue
                strict = garble_key(name, units=False)
                self.spellings.setdefault(ident.rep, set()).add((key, strict, normalise_alias(name)))
                vocab |= key
                self.by_key.setdefault(key, set()).add(ident.rep)
                self.by_strict.setdefault(strict, set()).add(ident.rep)
                self.by_relaxed.setdefault(relaxed(key), set()).add(ident.rep)
                if _ACRONYM.match(name.strip()):
                    self.by_acronym.setdefault(normalise_alias(name), set()).add(ident.rep)
                letters = initials(name)
                if letters:
                    self.by_initials.setdefault(letters, set()).add(ident.rep)
            self.vocab[ident.rep] = vocab
        self.freq: Counter[str] = Counter(t for vocab in self.vocab.values() for t in vocab)

    def distinctive(self, token: str) -> bool:
        """A country, or a known token few identities carry (a province, an acronym)."""
        return token.startswith(COUNTRY) or (token not in (UNIT, MINISTRY) and 0 < self.freq[token] <= MAX_SHARED)

    def match(self, name: str) -> GarbleMatch | None:
        key = garble_key(name)
        if not key:
            return None
        # unit words are only interchangeable beside a place or an acronym: "National Intelligence Agency"
        # is not the "National Intelligence Service", but "Hunan ... Hall" is the Hunan department
        anchored = any(self.distinctive(t) for t in key)
        compared = key if anchored else garble_key(name, units=False)
        shown = " ".join(sorted(compared))
        found = (self.by_key if anchored else self.by_strict).get(compared)
        if found:
            return GarbleMatch(sorted(found), "key", f"garbled form: its key [{shown}] equals a name's")
        loose = relaxed(key)
        if any(self.distinctive(t) for t in loose) and loose in self.by_relaxed:
            return GarbleMatch(sorted(self.by_relaxed[loose]), "relaxed",
                               f"garbled form: its key [{shown}] equals a name's once unit words are set aside")
        return self._acronym(name) or self._initials(name) or self._fuzzy(compared, normalise_alias(name), anchored)

    def _acronym(self, name: str) -> GarbleMatch | None:
        known = [a for a in acronyms(name) if normalise_alias(a) in self.by_acronym]
        if not known:
            return None
        rest = unicodedata.normalize("NFKC", name)
        for a in known:
            rest = re.sub(rf"(?<!\w){re.escape(a)}(?!\w)", " ", rest)
        others = garble_key(rest)
        if len(others) > MAX_EXTRA_WORDS:
            return None
        reps = {r for a in known for r in self.by_acronym[normalise_alias(a)]}
        # the other words may say anything (a description in any language) but name no other country or acronym
        reps = {r for r in reps if all(r in self.by_acronym.get(t, {r}) for t in others)
                and all(t in self.vocab[r] for t in others if t.startswith(COUNTRY))}
        if not reps:
            return None
        return GarbleMatch(sorted(reps), "acronym", f"the acronym {', '.join(known)} in it is a name; "
                           f"its other words [{' '.join(sorted(others))}] name no other country or acronym")

    def _initials(self, name: str) -> GarbleMatch | None:
        text = name.strip()
        if not _ACRONYM.match(text) or len(text) < 3 or text not in self.by_initials:
            return None
        return GarbleMatch(sorted(self.by_initials[text]), "initials",
                           f"{text} spells the initials of a name", needs_context=True)

    def _fuzzy(self, key: frozenset[str], norm: str, anchored: bool) -> GarbleMatch | None:
        """The same words up to misspellings (keys, and plain spellings for a misspelt unit word); places agree.

        Unit words are interchangeable only in an anchored key (one with a place or acronym), as in `match`.
        """
        best: dict[str, tuple[float, str, str]] = {}
        plain = frozenset(norm.split())
        for rep, spellings in self.spellings.items():
            if not self.identities[rep].types & set(FUZZY_TYPES):
                continue
            for loose, strict, spelling in spellings:
                other = loose if anchored else strict
                if not self._agree(key, other, rep):
                    continue
                for mine, theirs in ((key, other), (plain, frozenset(spelling.split()))):
                    pairs = _misspelt(mine, theirs)
                    if pairs is None:
                        continue
                    score = fuzz.token_set_ratio(" ".join(sorted(mine)), " ".join(sorted(theirs)))
                    if score >= SET_THRESHOLD and score > best.get(rep, (0.0,))[0]:
                        best[rep] = (score, " ".join(sorted(theirs)), pairs)
        if not best:
            return None
        top = max(s[0] for s in best.values())
        reps = sorted(r for r, s in best.items() if s[0] >= top - TIE_MARGIN)
        scores = "; ".join(f"{r}: token set {best[r][0]:.0f} against [{best[r][1]}], {best[r][2]}" for r in reps)
        return GarbleMatch(reps, "fuzzy", f"close to a name ({scores})", tied=len(reps) > 1)

    def _agree(self, key: frozenset[str], other: frozenset[str], rep: str) -> bool:
        """Distinctive tokens agree both ways: the query's belong to the entry, the name's appear in the query."""
        if any(self.distinctive(t) and t not in self.vocab[rep] for t in key):
            return False
        return all(any(fuzz.ratio(t, u) >= TOKEN_THRESHOLD for u in key) for t in other if self.distinctive(t))


def _misspelt(mine: frozenset[str], theirs: frozenset[str]) -> str | None:
    """How the differing words pair up as misspellings ("hunna~hunan 80"), or None when they do not."""
    extra, missing = sorted(mine - theirs), sorted(theirs - mine)
    if not extra or len(extra) != len(missing):
        return None
    pairs = []
    for word in extra:
        ratio, match = max((fuzz.ratio(word, m), m) for m in missing)
        if ratio < TOKEN_THRESHOLD:
            return None
        missing.remove(match)
        pairs.append(f"{word}~{match} {ratio:.0f}")
    return ", ".join(pairs)
