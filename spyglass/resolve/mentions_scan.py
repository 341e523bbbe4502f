"""Which documents report on a case: its names in a document's body (never in chrome alone),
in Latin script or as Han characters whose pinyin spells the name."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from pypinyin import Style, lazy_pinyin, pinyin

from spyglass.model import Case, Document
from spyglass.resolve.name_skeletons import is_other_script, skeleton_keys
from spyglass.resolve.names import loose_key, tokens

_HAN_RUN = re.compile(r"[\u3005\u3400-\u9fff]{2,}")


def reporting_documents(cases: list[Case], docs: list[Document]) -> None:
    """Add to each case the documents whose body names it in full (in place)."""
    bodies = {d.doc_id: d.body_text() for d in docs}
    han = {doc_id: _han_names(text) for doc_id, text in bodies.items() if _HAN_RUN.search(text)}
    windows = {doc_id: {**_name_windows(text), **script_windows(text)} for doc_id, text in bodies.items()}
    lowered = {doc_id: " ".join(re.findall(r"\w+", text.lower())) for doc_id, text in bodies.items()}
    initialled_by: dict[str, set[str]] = {}  # "Ali S." -> the cases so named (privacy-law naming)
    for case in cases:
        for alias in case.aliases:
            if case.kind == "person" and re.fullmatch(r"[^\W\d_][\w-]{2,} [^\W\d_]\.", alias):
                initialled_by.setdefault(alias, set()).add(case.case_id)
    for case in cases:
        # Full names, and initialled ones whose given name is distinctive ("Klaus-Dieter K.")
        full = {a for a in case.aliases if len(tokens(a)) >= 2 and (not re.search(r"\b\w\.$", a) or len(tokens(a)[0]) >= 6)}
        # without middle names or a patronymic: "Ruslan Peretyatko" for "Ruslan Aleksandrovich Peretyatko"
        full |= {f"{tokens(a)[0]} {tokens(a)[-1]}" for a in full if len(tokens(a)) >= 3 and case.kind == "person"}
        keys = {"".join(tokens(name)) for name in full} | {"".join(reversed(tokens(name))) for name in full}
        keys |= {"~" + loose_key(name) for name in full if case.kind == "person" and not re.search(r"\b\w\.$", name)}
        keys |= {"^" + key for name in full if case.kind == "person" for key in skeleton_keys(name)}
        found = set(case.documents)
        withheld = _withheld_surname(case)
        for doc_id, text in bodies.items():
            hits = keys & set(windows[doc_id])
            if doc_id in found:  # a report of the case's own: the spellings of its names it uses
                case.aliases = sorted(set(case.aliases) | {windows[doc_id][k] for k in hits})
                continue
            if hits:  # "Wen Hao Yu", "Haoyu Wen", "Wen Hao-yu" all spell one key
                found.add(doc_id)
                case.aliases = sorted(set(case.aliases) | {windows[doc_id][k] for k in hits})
            elif case.kind in ("company", "threat_group") and (any(
                    len(k) > 12 and k in lowered[doc_id] for k in _org_keys(case.aliases))
                    or _org_spelt(case, text)):
                found.add(doc_id)
            elif any(initialled_by.get(a) == {case.case_id} and re.search(rf"(?<!\w){re.escape(a)}", text)
                     for a in case.aliases):
                found.add(doc_id)  # "Ali S." as written, when no other case goes by it
            elif surname := next((n for n in withheld if _names_surname_alone(text, n)), None):
                found.add(doc_id)  # "a citizen surnamed Zeng" reports on 曾某, whose given name is withheld
                case.aliases = sorted(set(case.aliases) | {surname})
            elif case.kind == "person" and doc_id in han:
                for name, key in han[doc_id].items():
                    if key in keys:
                        found.add(doc_id)
                        if name not in case.aliases:
                            case.aliases.append(name)
        case.documents = sorted(found)
    _surname_aliases(cases, bodies)
    _org_spellings(cases, bodies)
    _pinyin_aliases(cases, {d.doc_id: d for d in docs})


def _pinyin_aliases(cases: list[Case], docs: dict[str, Document]) -> None:
    """A Chinese name as Chinese reports write it (周泓旭) is also spelt in pinyin, as reports in
    other languages spell mainland names ("Zhou Hongxu"). Only names a Chinese-language report
    gives: a Japanese name in kanji reads otherwise."""
    for case in cases:
        if case.kind != "person":
            continue
        chinese = [docs[d].text for d in case.documents if d in docs and (docs[d].language or "").startswith("zh")]
        for alias in list(case.aliases):
            if re.fullmatch(r"[\u3400-\u9fff]{2,4}", alias) and "某" not in alias and any(alias in t for t in chinese):
                family, given = tokens(alias)[0], "".join(tokens(alias)[1:])
                spelt = f"{family.capitalize()} {given.capitalize()}"
                if given and spelt not in case.aliases:
                    case.aliases = sorted(set(case.aliases) | {spelt})


def _surname_aliases(cases: list[Case], bodies: dict[str, str]) -> None:
    """A name word a case's reports write alone ("Zhu told the court", "Mr. Spector") is one of
    its spellings, unless another case shares that word (two brothers are both "Kia")."""
    words: dict[str, set[str]] = {}
    for case in cases:
        if case.kind != "person":
            continue
        for alias in case.aliases:
            parts = re.findall(r"[^\W\d_][\w'’-]*", alias)
            if len(parts) >= 2 and not re.search(r"\b\w\.$", alias):
                for word in (parts[0], parts[-1]):
                    # a script without capitals writes the family name last (دانيال خليفة, ユージン・スペクター)
                    if len(word) >= 3 and (word[:1].isupper() or (word is parts[-1] and not word[:1].islower())):
                        words.setdefault(word, set()).add(case.case_id)
            elif _HAN_NAME.fullmatch(alias):
                for size in range(1, len(alias)):  # 荒木豊: 荒木 as the family name, if written so
                    words.setdefault("\0" + alias[:size], set()).add(case.case_id)
    for case in cases:
        own = [w for w, ids in words.items() if ids == {case.case_id} and w not in case.aliases]
        for word in own:
            if word.startswith("\0"):
                family = word[1:]
                if any(_KANA.search(t := bodies.get(d, "")) and re.search(f"{family}{_JA_TITLES}", t) for d in case.documents):
                    case.aliases = sorted(set(case.aliases) | {family})
                continue
            partners = {p for a in case.aliases if word in (parts := re.findall(r"[^\W\d_][\w'’-]*", a)) for p in parts} - {word}
            if any(_names_surname_alone(bodies.get(d, ""), word, partners) for d in case.documents):
                case.aliases = sorted(set(case.aliases) | {word})


_HAN_NAME = re.compile(r"[\u3005\u3400-\u9fff]{3,5}")
_KANA = re.compile(r"[\u3040-\u30ff]")
# a Japanese report writes a family name alone before a title: 山田被告, 山田容疑者, 山田氏
_JA_TITLES = "(?:被告人?|容疑者|受刑者|氏|さん|元社員|社員|教授|議員)"


_WITHHELD = re.compile(r"^([\u3400-\u9fff]{1,2}?)某+$")


def _withheld_surname(case: Case) -> list[str]:
    """Every reading in pinyin of the surname of a case known only as surname + 某 (Chinese
    reports withhold the given name): ["Zeng", "Ceng"] for 曾某某. None when any alias gives a
    fuller name."""
    if case.kind != "person" or any(not _WITHHELD.match(a) and len(tokens(a)) >= 2 for a in case.aliases):
        return []
    match = next((m for a in case.aliases if (m := _WITHHELD.match(a))), None)
    if match is None:
        return []
    readings = product(*pinyin(match.group(1), style=Style.NORMAL, heteronym=True))
    return sorted({"".join(r).capitalize() for r in readings})


def _names_surname_alone(text: str, surname: str, partners: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether the text writes the surname alone, not inside a longer name ("a man surnamed Zeng",
    "Mr. Zeng"; not "Zeng Wei" nor "Li Zeng")."""
    if not surname[:1].isupper():  # a script without capitals: alone when no other name word touches it
        edge = r"\u30a0-\u30ff" if re.match(r"[\u30a0-\u30ff]", surname) else r"\w"
        near = "|".join(re.escape(p) for p in partners) or "(?!)"
        return any(not re.search(rf"(?:{near})[\s・·]*$", text[max(0, m.start() - 30) : m.start()])
                   and not re.match(rf"[\s・·]*(?:{near})", text[m.end() : m.end() + 30])
                   for m in re.finditer(rf"(?<![{edge}]){re.escape(surname)}(?![{edge}])", text))
    for match in re.finditer(rf"\b{surname}\b(?!-)", text):
        before = re.search(r"(\S+)\s+$", text[max(0, match.start() - 30) : match.start()])
        after = re.match(r"[-\s]+(\S+)", text[match.end() : match.end() + 30])
        named_before = before and before.group(1)[:1].isupper() and not re.match(r"(?:Mr|Ms|Mrs|Dr)\.?$", before.group(1))
        if not named_before and not (after and after.group(1)[:1].isupper() and not text[match.end()] in ",.;"):
            return True
    return False


def _org_spelt(case: Case, text: str) -> set[str]:
    """The spellings of a firm's or group's name in `text`: runs of capitalised words that open with
    its name's first word and read as its name, with or without a legal form or with one word spelt
    otherwise ("Harbin Polar Networks ..." for "Harbin Polar Network ...")."""
    from rapidfuzz import fuzz

    keys = _org_keys(case.aliases)
    found = set()
    for first in {a.split()[0] for a in case.aliases if len(a.split()) >= 3}:
        if first not in text:
            continue
        for run in re.finditer(rf"\b{re.escape(first)}(?:\s+[A-Z][\w.&'’-]*){{1,6}}(?:,?\s+(?:Co\.,?\s+)?Ltd\.?)?", text):
            name = run.group(0).rstrip(",")
            key = next(iter(_org_keys([name])), "")
            if len(key.split()) >= 3 and any(fuzz.ratio(key, k) >= 90 for k in keys):
                found.add(name)
    return found


def _org_spellings(cases: list[Case], bodies: dict[str, str]) -> None:
    """Every spelling a firm's or group's reports give its name (`_org_spelt`) is one of its aliases."""
    for case in cases:
        if case.kind in ("company", "threat_group"):
            found = {name for doc_id in case.documents for name in _org_spelt(case, bodies.get(doc_id, ""))}
            case.aliases = sorted(set(case.aliases) | found)


def _org_keys(names: list[str]) -> set[str]:
    """An organisation's names without legal suffixes, as lower-case words."""
    out = set()
    for name in names:
        text = re.sub(r"\b(co|company|corp|corporation|ltd|limited|inc|llc|gmbh|group)\b\.?", " ", name.lower())
        key = " ".join(re.findall(r"\w+", text))
        if key:
            out.add(key)
    return out


def _name_windows(text: str) -> dict[str, str]:
    """Runs of 2-3 capitalised words, each spelt as one lower-case key without spaces or
    hyphens, with the words as the text writes them."""
    spans = re.finditer(rf"[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*\.?){{1,3}}", text)
    out: dict[str, str] = {}
    for span in spans:
        words = span.group(0).split()
        parts = ["".join(tokens(w)) for w in words]
        for size in (2, 3):
            for i in range(len(parts) - size + 1):
                out.setdefault("".join(parts[i : i + size]), " ".join(words[i : i + size]))
                if size == 2:  # the same name in another script or grammatical case
                    out.setdefault("~" + loose_key(" ".join(words[i : i + size])), " ".join(words[i : i + size]))
    return out


_UPPER = "A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω"
_SCRIPT_RUN = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u10a0-\u10ff]+(?:\s+[\u0620-\u064a\u0671-\u06d3\u10a0-\u10ff]+)+|[\u30a0-\u30ff]+(?:[・·=][\u30a0-\u30ff]+)+")


def script_windows(text: str) -> dict[str, str]:
    """Runs of 2-3 words in Arabic or Georgian script, and katakana names ("ユージン・スペクター"),
    each keyed by its consonant skeleton (`name_skeletons`), with the words as written."""
    if not is_other_script(text):
        return {}
    out: dict[str, str] = {}
    for run in _SCRIPT_RUN.finditer(text):
        words = re.split(r"(\s+|[・·=])", run.group(0))
        parts, seps = words[0::2], words[1::2]
        for size in (2, 3):
            for i in range(len(parts) - size + 1):
                written = "".join(w + (seps[i + j] if j < size - 1 else "") for j, w in enumerate(parts[i : i + size]))
                for key in skeleton_keys(written):
                    out.setdefault("^" + key, written)
    return out


@lru_cache(maxsize=65536)  # a corpus repeats its names' windows across documents
def _spelt(han: str) -> str:
    return "".join(lazy_pinyin(han))


def _han_names(text: str) -> dict[str, str]:
    """Every 2-4 character window of Han text with its tone-less pinyin spelt as one word."""
    out: dict[str, str] = {}
    for run in _HAN_RUN.findall(text):
        for size in (2, 3, 4):
            for i in range(len(run) - size + 1):
                window = run[i : i + size]
                out.setdefault(window, _spelt(window))
    return out
