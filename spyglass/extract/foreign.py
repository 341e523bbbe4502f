"""Legal events in reports not written in English: names, events, terms, dates and sponsors read
with each language's word forms (`lexicon/legal.json`), not a statistical parser.

No model for most of these languages ships inside a package here, so the rules work on what
every language's news prose shares:

- **names**: a privacy-shortened name ("Klaus L."), two to four capitalised words that the page
  never writes in lower case (German nouns, months and places are filtered out), a Han name
  marked as a defendant or suspect ("被告人王某", "山田太郎被告"), or a surname with 某;
- **events**: a sentence that holds an event's word forms happened to the name nearest before
  the event word (after it, when none stands before: "wurde am Montag Ann L. festgenommen"),
  never to a name the language's titles mark as a prosecutor, judge, lawyer or official, and
  never in a future or conditional sentence ("droht", "risque", "грозит");
- **terms**: N years or months in the sentence of a sentencing, life, suspended;
- **dates**: day-month-year in the language's own forms, resolved without guessing a year;
- **sponsors**: the state or service after a "spying for" cue ("für den russischen
  Geheimdienst", "в пользу Китая").

A sentence with an event and no name stands for the person the report names most, with a low
confidence: it adds to a case, it never makes one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from spyglass.extract.entities import Mention
from spyglass.model import Claim, Document, FuzzyDate

EXTRACTOR = "spyglass.foreign"
VERSION = "0.1"

_HAN = "\u3400-\u9fff"
_KANA = "\u30a0-\u30ff"
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-ΩΆ-Ώ"
_LOWER = "a-zß-öø-ÿā-žа-яёіїєґα-ωά-ώ"
_WORD = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}]+)?"
_SHORT_NAME = re.compile(rf"\b({_WORD})\s([{_UPPER}])\.(?=[\s,;:)]|$)")
_NICKNAMED = re.compile(rf"\b({_WORD})\s+\(({_WORD})\)\s+({_WORD})")  # "Yevgeny (Gene) Spector"
_FULL_NAME = re.compile(rf"\b({_WORD}(?:\s+(?:de|da|van|von|der|del|la|dos|di)?\s*{_WORD}){{1,3}})")
# The commonest Chinese family names (simplified and traditional): a Han name starts with one.
_SURNAMES = ("王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董"
             "袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻"
             "段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯关關柯凌洪")
# Characters that do not occur in given names often enough to risk: grammar words and common nouns.
_NOT_IN_NAMES = set("的了在和是被等与與及或为為对對于於从從将將也都就而但并並其之中国國人大年月日时時说說会會有无無不这這那个個"
                    "们們上下后後前以所此该該已由向因其案法院判罪名涉嫌间諜谍机機构構方面员員部局处處情报報共纸紙条條")
_HAN_DEFENDANT = re.compile(rf"(?:被告人?|犯罪嫌疑人|嫌疑人|嫌犯)([{_SURNAMES}][{_HAN}]{{1,2}})"
                            rf"|([{_HAN}]{{2,4}}|[{_KANA}・]{{3,20}})(?:被告|容疑者|受刑者|元社員|元被告)")
_WITHHELD = re.compile(rf"([{_SURNAMES}]某+)")
_HAN_NAME = re.compile(rf"(?=([{_SURNAMES}][{_HAN}]{{2}}))")
_SURNAMED = re.compile(rf"([{_SURNAMES}])姓(?=[{_HAN}]{{0,8}}?(?:男子|女子|男|女|人))")  # "a man surnamed Zeng"
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n\s*\n")
# What prosecutors ask for, in the languages' own words: a term in such a sentence is no sentence.
_REQUESTED = re.compile(r"forder|beantrag|verlangt|requis|réclam|demand|eis(?:te|)\b|vaati|krävde|yrkade|påstand|eiste|"
                        r"żąda|domaga|žiad|požad|требова|запрос|вимага|ζήτησ|richiest|chiest|pidió|solicit|pediu|eist|"
                        r"请求|請求|求刑|要求判", re.I)
_STATUS_ORDER = ("arrested", "charged", "convicted", "sentenced", "acquitted", "charges_dropped", "released", "deceased")
# the model's statuses for the lexicon's event names
_AS_PREDICATE = {"charges_dropped": "dismissed", "expelled": "arrested"}
_GERMAN_NOUN = re.compile(r"(?:ung|heit|keit|schaft|tion|ismus|tät|amt|gericht|dienst|anwalt|behörde|ministerium|polizei|"
                          r"partei|regierung|kammer|rat|bund|land|staat|stadt|haft|urteil|prozess|verfahren)$", re.I)


@dataclass(frozen=True)
class _Lexicon:
    events: dict[str, list[re.Pattern[str]]]
    future: list[re.Pattern[str]]
    negation: list[re.Pattern[str]]
    roles: list[re.Pattern[str]]
    reporting: list[re.Pattern[str]]
    words: list[re.Pattern[str]]  # every word form the lexicon knows: none is part of a name
    spying_for: list[re.Pattern[str]]
    intelligence: list[re.Pattern[str]]
    demonyms: dict[str, list[re.Pattern[str]]]
    months: dict[int, list[re.Pattern[str]]]
    numbers: dict[int, list[re.Pattern[str]]]
    years_unit: str
    months_unit: str
    life: list[re.Pattern[str]]
    suspended: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = resources.files("spyglass.extract").joinpath("lexicon/legal.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=64)
def lexicon(language: str) -> _Lexicon | None:
    """The compiled word forms of one language, or None where the lexicon has none."""
    entry = _raw().get(language)
    if not isinstance(entry, dict):
        return None
    flags = re.IGNORECASE | re.UNICODE
    comp = lambda items: [re.compile(p, flags) for p in items or []]  # noqa: E731
    return _Lexicon(
        events={status: comp(patterns) for status, patterns in entry.get("events", {}).items()},
        future=comp(entry.get("future_or_conditional")), negation=comp(entry.get("negation")),
        roles=[re.compile(p, flags) for patterns in entry.get("roles", {}).values() for p in patterns],
        reporting=comp(entry.get("reporting_verbs")),
        words=comp([p for ps in entry.get("events", {}).values() for p in ps] + list(entry.get("years_unit", []))
                   + list(entry.get("months_unit", [])) + list(entry.get("life_sentence", []))
                   + list(entry.get("suspended", [])) + [p for ps in entry.get("numbers", {}).values() for p in ps]),
        spying_for=comp(entry.get("spying_for")), intelligence=comp(entry.get("intelligence_words")),
        demonyms={country: comp(patterns) for country, patterns in entry.get("demonyms", {}).items()},
        months={int(k): comp(v) for k, v in entry.get("months", {}).items()},
        numbers={int(k): comp(v) for k, v in entry.get("numbers", {}).items()},
        years_unit="|".join(f"(?:{p})" for p in entry.get("years_unit", [])) or r"(?!x)x",
        months_unit="|".join(f"(?:{p})" for p in entry.get("months_unit", [])) or r"(?!x)x",
        life=comp(entry.get("life_sentence")), suspended=comp(entry.get("suspended")),
    )


def languages() -> list[str]:
    return sorted(k for k in _raw() if not k.startswith("_"))


@lru_cache(maxsize=1)
def _services() -> list[tuple[re.Pattern[str], str, str, str, str]]:
    """(pattern, kb id, canonical name, type) for every intelligence service and unit name the
    knowledge base knows: acronyms as written ("GRU", "ФСБ"), longer names in any case."""
    from spyglass.kb.builtin import load_entries

    out = []
    for entry in load_entries():
        if entry.type not in ("state_agency", "agency_unit"):
            continue
        for name in entry.names():
            if len(name) < 3 and not re.search(rf"[{_HAN}]", name):
                continue
            if re.search(rf"[{_HAN}{_KANA}]", name):
                pattern = re.compile(re.escape(name))
            elif name.isupper() or len(name) <= 4:  # "同CIA在": Han characters are word characters too
                pattern = re.compile(rf"(?<![^\W{_HAN}{_KANA}]){re.escape(name)}(?![^\W{_HAN}{_KANA}])")
            else:
                pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)
            out.append((pattern, entry.id, entry.name, entry.type, entry.country or ""))
    return out


def _service_mentions(doc: Document) -> list[Mention]:
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    found: list[Mention] = []
    home = HOME_COUNTRIES.get(doc.language or "", ())
    for pattern, kb_id, name, kind, country in _services():
        if country in home:
            continue  # a French report's DGSE is the home service: the investigator or the employer, never the sponsor
        for match in pattern.finditer(doc.text):
            a, b = match.start(), match.end()
            if any(s <= a < e for s, e in body) and not any(m.start < b and a < m.end for m in found):
                found.append(Mention(doc.doc_id, a, b, match.group(0), kind, kb_id, "kb", name))
    return found


def extract_foreign(doc: Document) -> tuple[list[Mention], list[Claim]]:
    """Mentions of people and services, and the legal-event and sponsor claims of one non-English document."""
    lex = lexicon(doc.language or "")
    if lex is None:
        return [], []
    services = _service_mentions(doc)
    mentions = list(_names(doc))
    claims: list[Claim] = []
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.name] = counts.get(m.name, 0) + 1
    for start, end in _sentences(doc):
        text = doc.text[start:end]
        here = [m for m in mentions if start <= m.start and m.end <= end]
        claims += _events(doc, lex, start, text, here, counts)
        named = [m for m in services if start <= m.start and m.end <= end]
        claims += _sponsors(doc, lex, start, text, here, named, counts)
    return mentions + services, claims


def _sentences(doc: Document) -> Iterator[tuple[int, int]]:
    for segment in doc.segments:
        if segment.kind != "body":
            continue
        pos = segment.start
        body = doc.text[segment.start : segment.end]
        for match in list(_SENTENCE.finditer(body)) + [None]:
            end = segment.start + (match.start() if match else len(body))
            if end > pos:
                yield pos, end
            if match:
                pos = segment.start + match.end()


@lru_cache(maxsize=1)
def _function_words() -> dict[str, set[str]]:
    path = resources.files("spyglass.extract").joinpath("lexicon/function_words.json")
    data = json.loads(path.read_text("utf-8"))
    return {k: set(v) for k, v in data.items() if not k.startswith("_")}


# Articles: a capitalised word the page writes after one is a noun ("des Oberlandesgerichts").
_ARTICLES = {
    "de": "der die das des dem den ein eine einer eines einem einen", "nl": "de het een", "fr": "le la les un une du",
    "es": "el la los las un una unos unas", "pt": "o a os as um uma", "it": "il lo la gli le un uno una",
    "sv": "en ett den det", "no": "en et ei den det", "da": "en et den det", "ro": "un o", "el": "ο η το οι τα του της των τον την",
}


def _nouns(text: str, language: str) -> set[str]:
    articles = _ARTICLES.get(language)
    if not articles:
        return set()
    pattern = re.compile(rf"\b(?:{'|'.join(articles.split())})\s+([{_UPPER}][\w’'-]+)", re.I)
    return {m.group(1).lower() for m in pattern.finditer(text)}


def _names(doc: Document) -> Iterator[Mention]:
    """People's names in the body (see the module doc)."""
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    text = doc.text
    lower_words = {w.lower() for w in re.findall(rf"\b[{_LOWER}][\w’'-]+", text)}
    lower_words |= _function_words().get(doc.language or "", set()) | _nouns(text, doc.language or "")
    mid_sentence = {m.group(1) for m in re.finditer(rf"[{_LOWER},]\s+({_WORD})", text)}
    lex = lexicon(doc.language or "")
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def inside(a: int) -> bool:
        return any(s <= a < e for s, e in body)

    withheld = {m.group(1)[0]: m.group(1) for m in _WITHHELD.finditer(text)}
    for match in _SURNAMED.finditer(text):  # the withheld-name convention, as the page writes it elsewhere
        if any(s <= match.start() < e for s, e in body):
            taken.append((match.start(), match.end()))
            name = withheld.get(match.group(1), match.group(1) + "某")
            yield Mention(doc.doc_id, match.start(), match.end(), match.group(0), "person", None, "foreign", name)
    for match in _NICKNAMED.finditer(text):
        if any(s <= match.start() < e for s, e in body) and match.group(1).lower() not in lower_words:
            taken.append((match.start(), match.end()))
            yield Mention(doc.doc_id, match.start(), match.end(), match.group(0), "person", None, "foreign",
                          f"{match.group(1)} {match.group(3)}")
    patterns = [(_WITHHELD, 1), (_HAN_DEFENDANT, 0)] + ([(_HAN_NAME, 1)] if doc.language == "zh" else []) + [
        (_SHORT_NAME, 0), (_FULL_NAME, 1)]
    recurring = _recurring_han(text) if doc.language == "zh" else set()
    for pattern, group in patterns:
        for match in pattern.finditer(text):
            if pattern is _HAN_DEFENDANT:
                g = 1 if match.group(1) else 2
                a, b = match.start(g), match.end(g)
            else:
                a, b = match.start(group), match.end(group)
            name = text[a:b]
            if pattern in (_HAN_DEFENDANT, _HAN_NAME) and (set(name) & _NOT_IN_NAMES or "某" in name):
                continue
            if pattern is _HAN_NAME and name not in recurring:
                continue
            if pattern is _FULL_NAME:  # a sentence's first word is capitalised anyway: keep it only if seen mid-sentence
                first = name.split()[0]
                if first not in mid_sentence or first.lower() in lower_words:
                    a = a + len(first) + (len(name) - len(name[len(first):].lstrip()) - len(first))
                    name = text[a:b]
            if not inside(a) or not free(a, b):
                continue
            if pattern is _FULL_NAME and not _plausible_full_name(name, lower_words, doc.language or "", lex):
                continue
            if pattern is _FULL_NAME and len(re.findall(rf"\b{re.escape(name.split()[-1][:-2] or name.split()[-1])}", text)) < 2:
                continue  # a report names its people more than once (the surname, in any case ending)
            if pattern is _SHORT_NAME and (match.group(1).lower() in lower_words or _GERMAN_NOUN.search(match.group(1))
                                           or re.match(rf"\s+[{_UPPER}][{_LOWER}]", text[b : b + 3])):
                continue  # a middle initial ("Ann G. Lee") is not a shortened name
            taken.append((a, b))
            yield Mention(doc.doc_id, a, b, name, "person", None, "foreign", name)


def _recurring_han(text: str) -> set[str]:
    """Three-character Han strings starting with a family name that the page repeats (a person
    it reports on is named again and again; a chance pairing of characters is not)."""
    counts: dict[str, int] = {}
    for match in _HAN_NAME.finditer(text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return {name for name, n in counts.items() if n >= 3}


def _plausible_full_name(name: str, lower_words: set[str], language: str, lex: _Lexicon | None) -> bool:
    from spyglass.extract.places import country_name, local_country_words, region_name

    words = name.split()
    if len(words) < 2 or country_name(name) or region_name(name):
        return False
    if re.search(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mag|Ing)\b", name):
        return False
    if lex is not None and (any(p.search(name) for p in lex.roles + lex.words) or any(
            p.search(name) for ps in lex.demonyms.values() for p in ps) or any(p.search(name) for p in lex.intelligence)):
        return False  # a title, a court or ministry, a state or its service
    countries = local_country_words(language)
    for word in words:
        stem = word.lower()
        if stem in countries or stem.rstrip("s") in countries or stem[:-1] in countries or stem[:-2] in countries:
            return False  # "Deutschlands", "Rosji", "Russa": a country in this language's case forms
        if word.lower() in lower_words or country_name(word) or region_name(word):
            return False  # a word the page also writes in lower case is a noun or adjective, not a name
        if language == "de" and _GERMAN_NOUN.search(word):
            return False
    return True


def _events(doc: Document, lex: _Lexicon, start: int, text: str, here: list[Mention],
            counts: dict[str, int]) -> list[Claim]:
    if any(p.search(text) for p in lex.future):
        return []  # "he faces up to ten years", "il risque", "грозит": not (yet) an event
    out = []
    seen = set()
    for status in _STATUS_ORDER:
        match = next((m for p in lex.events.get(status, []) for m in [p.search(text)] if m), None)
        if match is None or status in seen:
            continue
        if any(p.search(text[max(0, match.start() - 12) : match.start()]) for p in lex.negation):
            continue
        seen.add(status)
        at = start + match.start()
        subject, confidence = _subject(doc, lex, at, here, counts)
        if subject is None:
            continue
        predicate = _AS_PREDICATE.get(status, status)
        if predicate == "sentenced" and _REQUESTED.search(text):
            continue  # "the prosecution demanded four years": a request, not a sentence
        value = _term(lex, text) if predicate == "sentenced" else None
        date = _date(lex, text, doc.published)
        out.append(Claim(subject=subject, subject_type="person", predicate=predicate, value=value, doc_id=doc.doc_id,
                         start=start, end=start + len(text), date=date, extractor=f"{EXTRACTOR}.{doc.language}",
                         extractor_version=VERSION, confidence=confidence))
    return out


def _subject(doc: Document, lex: _Lexicon, at: int, here: list[Mention], counts: dict[str, int]) -> tuple[str | None, float]:
    """The name nearest before the event word, else the first after it; never one a title marks as
    a prosecutor, judge, lawyer or official. No name: the report's most-named person (a guess)."""
    parties = [m for m in here if not _titled(doc, lex, m)]
    before = [m for m in parties if m.end <= at]
    if before:
        return before[-1].name, 0.6
    after = [m for m in parties if m.start >= at]
    if after:
        return after[0].name, 0.6
    if here:
        return None, 0.0  # the sentence names only officials: the event is not about anyone named
    ranked = sorted(counts, key=lambda n: -counts[n])
    return (ranked[0], 0.5) if ranked else (None, 0.0)


def _titled(doc: Document, lex: _Lexicon, m: Mention) -> bool:
    before = doc.text[max(0, m.start - 40) : m.start]
    after = doc.text[m.end : m.end + 40]
    return any(p.search(before[-25:]) for p in lex.roles + lex.reporting) or any(
        p.match(after.lstrip(" ,(")) for p in lex.roles)


def _term(lex: _Lexicon, text: str) -> str | None:
    """"zu drei Jahren", "à 12 ans", "на 12 лет", "懲役2年": the sentence in months."""
    if any(p.search(text) for p in lex.life):
        return "life"
    number = rf"(\d+(?:[.,]\d)?|{'|'.join(p.pattern for ps in lex.numbers.values() for p in ps) or '(?!x)x'})"
    months = 0
    for years in re.finditer(rf"{number}\s*(?:-\s*)?(?:{lex.years_unit})(?!\s*\d{{1,2}}\s*月)", text, re.I):
        value = _number(lex, years.group(1))
        if 0 < value <= 50:  # "2017年" is a year, not a term
            months += round(value * 12)
            break
    extra = re.search(rf"{number}\s*(?:-\s*)?(?:{lex.months_unit})", text, re.I)
    if extra and 0 < _number(lex, extra.group(1)) < 600:
        months += round(_number(lex, extra.group(1)))
    return str(months) if months else None


def _number(lex: _Lexicon, word: str) -> float:
    if re.fullmatch(r"\d+(?:[.,]\d)?", word):
        return float(word.replace(",", "."))
    for value, patterns in lex.numbers.items():
        if any(p.fullmatch(word) for p in patterns):
            return float(value)
    return 0.0


_NUMERIC_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def _date(lex: _Lexicon, text: str, published: str | None) -> FuzzyDate | None:
    """The first day-month-year (or month-year) the sentence writes in full; no year, no date."""
    match = _NUMERIC_DATE.search(text)
    if match:
        g = match.groups()
        try:
            if g[0]:
                return FuzzyDate(f"{g[0]}-{g[1]}-{g[2]}", "day")
            if g[3]:
                return FuzzyDate(f"{g[5]}-{int(g[4]):02d}-{int(g[3]):02d}", "day")
            if g[8]:
                return FuzzyDate(f"{g[6]}-{int(g[7]):02d}-{int(g[8]):02d}", "day")
            return FuzzyDate(f"{g[6]}-{int(g[7]):02d}", "month")
        except Exception:
            return None
    for month, patterns in lex.months.items():
        for p in patterns:
            for found in p.finditer(text):
                tail = text[found.end() : found.end() + 12]
                year = re.match(r"\s*(?:de\s+)?(\d{4})", tail)
                if not year:
                    continue
                day = re.search(r"(\d{1,2})\.?\s*(?:de\s+)?$", text[max(0, found.start() - 8) : found.start()])
                try:
                    if day:
                        return FuzzyDate(f"{year.group(1)}-{month:02d}-{int(day.group(1)):02d}", "day")
                    return FuzzyDate(f"{year.group(1)}-{month:02d}", "month")
                except Exception:
                    continue
    return None


_COUNTRY_ADJECTIVE = {"China": "Chinese", "Russia": "Russian", "Iran": "Iranian", "North Korea": "North Korean",
                      "United States": "US", "Belarus": "Belarusian", "Turkey": "Turkish"}


# The states whose own services a report in this language is written from: their services are the
# investigators (or the defendant's employer), so a cue never names one of them as a sponsor.
HOME_COUNTRIES: dict[str, tuple[str, ...]] = {
    "de": ("Germany", "Austria", "Switzerland"), "fr": ("France", "Belgium", "Switzerland", "Canada"),
    "nl": ("Netherlands", "Belgium"), "sv": ("Sweden",), "no": ("Norway",), "da": ("Denmark",), "fi": ("Finland",),
    "es": ("Spain",), "pt": ("Portugal", "Brazil"), "it": ("Italy",), "pl": ("Poland",), "sk": ("Slovakia",),
    "cs": ("Czechia", "Czech Republic"), "et": ("Estonia",), "lv": ("Latvia",), "lt": ("Lithuania",),
    "ru": ("Russia",), "uk": ("Ukraine",), "bg": ("Bulgaria",), "el": ("Greece", "Cyprus"), "ja": ("Japan",),
    "zh": ("China", "Taiwan"), "ka": ("Georgia",), "hu": ("Hungary",), "ro": ("Romania",),
}
_FORMER_BEFORE = re.compile(r"(?:\bex-?|former|ancien\w*|ehemalig\w*|früher\w*|bývalý\w*|był\w*|бывш\w*|entinen|voormalig\w*|"
                            r"tidligere|före detta|antigo|antiguo|ex)\s*$", re.I)
_AGENT = re.compile(r"(?<!\w)(?:agent\w*|агент\w*|αγεντ\w*|πράκτορ\w*)", re.I)


def _sponsors(doc: Document, lex: _Lexicon, start: int, text: str, here: list[Mention], services: list[Mention],
              counts: dict[str, int]) -> list[Claim]:
    """"für den russischen Militärgeheimdienst spioniert", "agent of the GRU": the state or
    service after a cue (before it, in languages that put the cue last). Said of the person named
    in the sentence, else of the person the report names most."""
    out = []
    for cue_pattern in [*lex.spying_for, _AGENT]:
        for cue in cue_pattern.finditer(text):
            lo, hi = max(0, cue.start() - 40), cue.end() + 60
            window = text[lo:hi]
            if _FORMER_BEFORE.search(text[max(0, cue.start() - 15) : cue.start()]):
                continue  # a former agent's service is a past employer
            near = (cue.start() - 40, cue.end() + 25) if cue_pattern is _AGENT else (lo, hi)
            service = next((m for m in services if near[0] <= m.start - start < near[1]), None)
            people = [m for m in here if not _titled(doc, lex, m)]
            ranked = sorted(counts, key=lambda n: -counts[n])
            subject, confidence = (min(people, key=lambda m: abs(m.start - (start + cue.start()))).name, 0.5) if people \
                else ((ranked[0], 0.4) if ranked and not here else (None, 0.0))
            if service is not None and subject is not None:
                out.append(Claim(subject=subject, subject_type="person", predicate="agent_of", object=service.name,
                                 object_type=service.type, doc_id=doc.doc_id, start=start, end=start + len(text),
                                 extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION, confidence=confidence))
                return out
            country = next((c for c, ps in lex.demonyms.items() if any(p.search(window) for p in ps)), None)
            if country is None:
                continue
            intelligence = any(p.search(window) for p in lex.intelligence)
            military = bool(re.search(r"milit|воен|војн|wojsk|vojen|军|軍", window, re.I))
            name = (f"{_COUNTRY_ADJECTIVE.get(country, country)}{' military' if military else ''} intelligence"
                    if intelligence else country)
            kb_name = _kb_service(name)
            if subject is None:
                continue
            out.append(Claim(subject=subject, subject_type="person", predicate="agent_of", object=kb_name or name,
                             object_type="state_agency" if intelligence else "country", doc_id=doc.doc_id, start=start,
                             end=start + len(text), extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION,
                             confidence=confidence))
            return out
    return out


def _kb_service(name: str) -> str | None:
    """"Russian military intelligence" is the knowledge base's GRU when one entry has that name."""
    from spyglass.kb.builtin import alias_index, load_entries, normalise_alias

    ids = alias_index().get(normalise_alias(name), [])
    if len(ids) != 1:
        return None
    return next((e.name for e in load_entries() if e.id == ids[0]), None)
