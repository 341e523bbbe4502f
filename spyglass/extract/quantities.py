"""Find quantities in news text: prison sentences, durations, data volumes, counts, money and ages.

News writes one sentence many ways ("24 years' imprisonment", "a 20-year prison sentence", "five and
a half years", "66-month sentence"). A duration is a *sentence* only when a sentencing word governs it
in the same clause; the nearest trigger word to its left says whether it was imposed, requested by a
party, or the maximum the law allows. Years such as "2019" are dates, never quantities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# ---------------------------------------------------------------- rule tables

ONES = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen "
                                   "fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=1)}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
GERMAN = {w: i + 2 for i, w in enumerate("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split())}
SPECIAL = {"a dozen": 12, "a": 1, "an": 1, "ein": 1, "einem": 1, "einen": 1}
MULTIPLIERS = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000,
               "billion": 1_000_000_000, "bn": 1_000_000_000}

# Time units: (normalised unit, months per unit); None where months would be a misleading fraction.
TIME_UNITS: dict[str, tuple[str, int | None]] = {
    "year": ("years", 12), "yr": ("years", 12), "month": ("months", 1), "decade": ("decades", 120),
    "week": ("weeks", None), "day": ("days", None), "hour": ("hours", None), "minute": ("minutes", None),
    "jahr": ("years", 12), "monat": ("months", 1), "woche": ("weeks", None), "tag": ("days", None)}
DATA_UNITS = {"gigabyte": "GB", "gb": "GB", "terabyte": "TB", "tb": "TB", "megabyte": "MB", "mb": "MB",
              "petabyte": "PB", "pb": "PB", "kilobyte": "KB", "kb": "KB"}
CURRENCY_SYMBOLS = {"us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "hk$": "HKD", "$": "USD",
                    "£": "GBP", "€": "EUR", "¥": "CNY"}
CURRENCY_WORDS = {"euro": "EUR", "eur": "EUR", "dollar": "USD", "usd": "USD", "pound": "GBP", "gbp": "GBP",
                  "sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY", "rouble": "RUB",
                  "ruble": "RUB", "rub": "RUB", "zloty": "PLN", "złoty": "PLN", "zlotys": "PLN", "pln": "PLN"}
# Numeric qualifiers, normalised. "over" before a duration means "across" ("over ten years"), so it
# only means "more than" before counts, money and volumes.
QUALIFIERS = {"more than": "more than", "over": "more than", "in excess of": "more than", "upwards of":
              "more than", "mehr als": "more than", "über": "more than", "at least": "at least",
              "mindestens": "at least", "about": "about", "around": "about", "roughly": "about", "some": "about",
              "approximately": "about", "an estimated": "about", "nearly": "about", "almost": "about",
              "rund": "about", "etwa": "about", "up to": "up to", "as many as": "up to", "bis zu": "up to",
              "less than": "less than", "fewer than": "less than", "under": "less than"}

# Words that make a duration a prison sentence when they share its clause.
SENTENCE_WORDS = re.compile(
    r"(?i)\b(?:sentenc\w*|jail\w*|gaol\w*|imprison\w*|prison|term|terms|custod\w*|behind bars|incarcerat\w*|"
    r"penitentiary|deprivation of liberty|penal colony|labou?r camp|haft|freiheitsstrafe|verurteil\w*)\b|徒刑|判处")
# Judicial talk that lets "asked for 25 years" or "faces 15 years" count as sentences.
LEGAL_WORDS = re.compile(
    r"(?i)\b(?:court|judge|jury|prosecut\w*|defen[cs]e|lawyers?|attorneys?|convict\w*|charge[sd]?|counts?|"
    r"guilty|offen[cs]es?|trial|hearing|plea)\b")
# The nearest of these left of a duration decides what it is; the longest wins at the same end.
TRIGGERS: list[tuple[str, str]] = [
    ("requested", r"asked\s+(?:the\s+(?:judge|court)\s+)?(?:for|to\s+impose)|sought|seek(?:s|ing)?|"
                  r"request(?:ed|ing|s)?|demand(?:ed|ing|s)?|call(?:ed|ing|s)?\s+for|argu(?:ed|ing|es?)(?:\s+for)?|"
                  r"recommend(?:ed|ing|s)?|push(?:ed|ing)?\s+for|urg(?:ed|ing|es?)|propos(?:ed|ing|es?)|"
                  r"forderte|beantragte|plädierte\s+auf"),
    ("maximum", r"fac(?:es|ed|ing|e)|could\s+(?:get|receive|face)|risks?|punishable\s+by|carr(?:ies|y|ying)(?!\s+out)|"
                r"(?:a\s+)?maximum(?:\s+(?:prison\s+|jail\s+)?(?:sentence|term|penalty|punishment))?(?:\s+of)?|"
                r"up\s+to|as\s+much\s+as|drohen|droht|bis\s+zu"),
    ("suspended", r"suspended\s+(?:prison\s+|jail\s+)?(?:sentence|term)(?:\s+of)?|auf\s+Bewährung"),
    ("imposed", r"sentenc(?:ed|ing)|jailed|imprisoned|gaoled|imposed|hand(?:ed|s)(?:\s+down)?|gave|given|gets?|"
                r"got|receiv(?:ed|es)|dr[ae]w|draws|serving|(?:prison\s+|jail\s+)?(?:sentence|term)\s+of|"
                r"verurteilt|判处"),
    ("duration", r"spen[dt]|spending|served|after|for\s+the\s+(?:past|last)|over\s+the\s+(?:past|last)|"
                 r"in\s+the\s+(?:past|last)|within|during|since|lasted|took"),
]
# Generic verbs ("given", "got") mean a sentence only with sentencing words nearby or right before it.
WEAK_IMPOSED = re.compile(r"(?i)^(?:hand|gave|given|get|got|receiv|dr[ae]w|serving)")
# After the number: words that make it a sentence outright, or mark what kind of sentence it is.
HEAD_SENTENCE = re.compile(
    r"(?i)^(?:['’]s?)?\s*(?:(?:prison|jail|custodial|suspended)\s+)?(?:sentence|term)\b|^['’]s?\s*(?:imprisonment|jail|prison)"
    r"|^\s+(?:in|of)\s+(?:(?:a|an)\s+)?(?:[\w.]+\s+){0,2}?(?:prison|jail|custody|imprisonment|detention)\b"
    r"|^\s+of\s+deprivation\s+of\s+liberty|^\s+behind\s+bars|^\s+(?:Haft|Gefängnis|Freiheitsstrafe)")
TRAILING = [
    ("requested", re.compile(r"(?i)^[\s,]*(?:(?:that|which)\s+)?(?:the\s+)?(?:federal\s+)?(?:prosecutors?|prosecution|"
                             r"government|defen[cs]e(?:\s+lawyers?)?|lawyers?|attorneys?|state)\s+(?:had\s+|have\s+|has\s+)?"
                             r"(?:sought|requested|asked\s+for|wanted|demanded|recommended|proposed)"
                             r"|^\s*(?:sought|requested|demanded|recommended|proposed)\s+by")),
    ("requested", re.compile(r"(?i)^\s+(?:Haft\s+|Freiheitsstrafe\s+)?(?:gefordert|beantragt)")),
    ("suspended", re.compile(r"(?i)^[\s,]*(?:suspended|auf\s+Bewährung)")),
    ("supervised release", re.compile(r"(?i)^\s+of\s+supervised\s+release")),
    ("probation", re.compile(r"(?i)^\s+(?:of|on)\s+probation")),
    ("reprieve", re.compile(r"(?i)^[\s-]*(?:reprieve|stay\s+of\s+execution)")),  # "death with a two-year reprieve"
]
# Sentences that are not the imposed custodial term; sentence_months falls back to "suspended" only.
NOT_IMPOSED = {"requested", "maximum", "supervised release", "probation", "suspended", "reprieve"}
# After a duration: it is a point in time ("ten years ago"), not a quantity.
DATE_OFFSET = re.compile(r"(?i)^\s+(?:ago|earlier|later|previously)\b")
# Words that may stand between a trigger and its number and still leave them adjacent ("gets only 5 years").
GLUE_WORDS = {"to", "the", "a", "an", "for", "of", "another", "just", "only", "nearly", "almost", "more", "than",
              "up", "about", "some", "around", "over", "at", "least", "him", "her", "them", "zu"}
# Words that cannot stand between a number and the noun it counts, or be that noun.
FUNCTION_WORDS = set("the a an of in on to and or for with from by at as is was were are be been has have had "
                     "this that these those his her its their our who which when while than into after before "
                     "during since but not also und der die das mit von zu im".split())
NOT_PLURALS = {"was", "has", "is", "this", "its", "his", "hers", "ours", "theirs", "as", "us", "thus", "plus",
               "less", "yes", "always", "perhaps", "does", "goes", "whereas", "across", "towards", "besides",
               "unless", "percent", "times", "aircrafts", "news", "series", "means", "afterwards", "counts"}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "staff", "personnel", "police", "crew"}
NOT_AFTER = re.compile(r"(?i)(?:\b(?:no|nos|section|article|articles|chapter|paragraph|page|rule|room|flight|"
                       r"level|grade|phase|number|version|tier|route)\.?|[A-Za-z]-|#)\s*$")
MONTH_NAMES = set("january february march april may june july august september october november december "
                  "jan feb mar apr jun jul aug sep sept oct nov dec".split())


@dataclass(frozen=True)
class Quantity:
    """A quantity found in text: offsets, the words, and its normalised reading."""

    start: int
    end: int
    phrase: str
    kind: str  # sentence | data_volume | count | money | duration | age
    value: float | int
    unit: str
    qualifier: str | None = None
    months: int | None = None


# ---------------------------------------------------------------- number patterns

def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = rf"(?:{_alt(list(ONES) + list(TENS) + list(SCALES))})"
_SPELLED = rf"(?:{_WORD}(?:[\s-]+{_WORD}|(?<=hundred)\s+and\s+{_WORD})*)"
_DIGITS = r"(?<![\w.,/$£€¥-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])(?!,\d)"
_NUM = rf"(?:{_DIGITS}½?|(?<![\w-])(?i:{_SPELLED}|{_alt(GERMAN)}|a\s+dozen)(?![\w]))"
_QUAL = rf"(?:(?P<q>(?i:{_alt(QUALIFIERS)}))\s+)?"
# "60 million", "$2.5m": an abbreviation only when it is written onto the number.
_MULT = r"(?P<mult>\s*(?i:million|billion|thousand)\b|(?:bn|mn|m|k)\b)?"


def parse_number(words: str) -> float | None:
    """"24", "3,400", "1.2", "5½", "twenty-five", "two hundred and forty", "a dozen" -> a number."""
    text = words.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?½?", text):
        return float(text.rstrip("½")) + (0.5 if text.endswith("½") else 0)
    key = re.sub(r"\s+", " ", text)
    if key in SPECIAL or key in GERMAN:
        return float(SPECIAL.get(key) or GERMAN[key])
    total, current = 0, 0
    for token in re.split(r"[\s-]+", key):
        if token == "and":
            continue
        if token in ONES or token in TENS:
            current += ONES.get(token) or TENS.get(token, 0)
        elif token in ("hundred", "dozen"):
            current = max(current, 1) * SCALES[token]
        elif token in SCALES:
            total, current = total + max(current, 1) * SCALES[token], 0
        else:
            return None
    return float(total + current)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# ---------------------------------------------------------------- classifying a duration

def _clause_start(text: str, pos: int, limit: int = 160) -> int:
    """Where the clause holding `pos` begins: the last sentence end before it ("U.S." is no end)."""
    floor = max(0, pos - limit)
    ends = [m.end() for m in re.finditer(r"[!?;。！？；\n]|(?<![A-Z.][A-Z])(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|No))\.(?=\s)",
                                         text[floor:pos])]
    return floor + ends[-1] if ends else floor


def _clause_end(text: str, pos: int, limit: int = 100) -> int:
    match = re.search(r"[!?;。！？；\n]|(?<![A-Z.][A-Z])(?<!\b[A-Z])\.(?=\s|$)", text[pos:pos + limit])
    return pos + match.start() if match else min(len(text), pos + limit)


def _nearest_trigger(left: str) -> tuple[str, re.Match[str]] | None:
    found = [(m.end(), m.end() - m.start(), kind, m) for kind, pattern in TRIGGERS
             for m in re.finditer(rf"(?i)(?<!\w)(?:{pattern})(?!\w)", left)]
    if not found:
        return None
    _, _, kind, match = max(found, key=lambda item: item[:2])
    if kind == "imposed" and re.search(r"(?i)(?:sentence|term)\s+of$", match.group(0)):
        # "recommend a sentence of", "faces a term of": the verb before the noun decides
        verb = _nearest_trigger(left[:match.start()].rstrip())
        glue = left[verb[1].end():match.start()] if verb else "-"
        if verb and verb[0] in ("requested", "maximum") and re.fullmatch(r"(?i)\s*(?:an?\s+|the\s+)?(?:\w+\s+)?", glue):
            return verb
    return kind, match


def _sentence_status(text: str, start: int, end: int, own_qualifier: str | None,
                     counted_in_months: bool = True) -> tuple[bool, str | None]:
    """(is it a sentence, its qualifier) for a duration at text[start:end]. A bare "gets 5 years"
    is a sentence (headline style); "given two weeks" is not, so adjacency needs years or months."""
    left = text[_clause_start(text, start):start]
    right = text[end:_clause_end(text, end)]
    window = left + " " + right
    context = bool(SENTENCE_WORDS.search(window))
    legal = context or bool(LEGAL_WORDS.search(window))
    for qualifier, pattern in TRAILING:
        if pattern.search(right):
            return (legal or qualifier != "requested"), qualifier
    headed = bool(HEAD_SENTENCE.search(right))
    found = _nearest_trigger(left)
    kind, match = found if found else (None, None)
    gap = left[match.end():] if match is not None else "-"
    between = re.findall(r"[^\W\d_]+", gap)
    adjacent = all(word.lower() in GLUE_WORDS for word in between)
    # "faces charges ..., ending a seven-month battle": a request or a maximum governs only nearby words
    near = ("," not in gap and len(between) <= 6) or bool(SENTENCE_WORDS.search(gap))
    if kind == "duration" and (adjacent or not headed):  # "spent ten years in prison" is time served
        return False, own_qualifier
    if kind in ("requested", "maximum", "suspended") and near and \
            (legal or headed or (adjacent and counted_in_months)):
        return True, kind
    if own_qualifier == "up to" and (context or headed):
        return True, "maximum"
    if kind == "imposed" and match is not None and WEAK_IMPOSED.match(match.group(0)):
        return (headed or context or (adjacent and counted_in_months)), own_qualifier
    return (headed or context), own_qualifier


# ---------------------------------------------------------------- handlers, one per kind of phrase

Handler = Callable[[re.Match[str], str], Quantity | None]


def _make(match: re.Match[str], kind: str, value: float, unit: str, qualifier: str | None = None,
          months: int | None = None) -> Quantity:
    return Quantity(match.start(), match.end(), match.group(0), kind, _number(value), unit, qualifier, months)


def _qualifier(match: re.Match[str]) -> str | None:
    word = match.groupdict().get("q")
    return QUALIFIERS[re.sub(r"\s+", " ", word.lower())] if word else None


def _time_unit(word: str) -> tuple[str, int | None]:
    return next(TIME_UNITS[k] for k in sorted(TIME_UNITS, key=len, reverse=True) if word.lower().startswith(k))


def _time(match: re.Match[str], text: str) -> Quantity | None:
    n = parse_number(match["n"])
    unit, per = _time_unit(match["unit"])
    if n is None or DATE_OFFSET.match(text[match.end():]) or re.match(r"(?i)[\s-]+old\b", text[match.end():]):
        return None
    n += 0.5 if match.groupdict().get("half") else 0
    months = round(n * per) if per else None
    if match.groupdict().get("n2") and months is not None:
        extra = parse_number(match["n2"])
        months = months + int(extra or 0) if _time_unit(match["unit2"])[0] == "months" else None
    value = months / (per or 1) if months is not None and match.groupdict().get("n2") else n
    qualifier = _qualifier(match)
    qualifier = None if qualifier == "more than" and match["q"].lower() in ("over", "über") else qualifier
    is_sentence, status = _sentence_status(text, match.start(), match.end(), qualifier, per is not None)
    if match["n"].lower() in ("a", "an", "ein", "einem", "einen") and not is_sentence:
        return None  # "a year" outside a sentence is rarely a measured quantity
    if is_sentence:
        return _make(match, "sentence", value, unit, status, months)
    return _make(match, "duration", value, unit, qualifier, months)


def _life(match: re.Match[str], text: str) -> Quantity | None:
    _, status = _sentence_status(text, match.start(), match.end(), None)
    return _make(match, "sentence", 1, "life", status, None)


def _death(match: re.Match[str], text: str) -> Quantity | None:
    _, status = _sentence_status(text, match.start(), match.end(), None)
    return _make(match, "sentence", 1, "death", status, None)


def _chinese_sentence(match: re.Match[str], text: str) -> Quantity | None:
    years = int(match["n"])
    months = years * 12 + int(match.groupdict().get("m") or 0)
    return _make(match, "sentence", years if months == years * 12 else months / 12, "years", None, months)


def _data(match: re.Match[str], text: str) -> Quantity | None:
    n = parse_number(match["n"])
    unit = DATA_UNITS[match["unit"].lower().rstrip("s")]
    return _make(match, "data_volume", n, unit, _qualifier(match)) if n is not None else None


def _scaled(match: re.Match[str]) -> float | None:
    n = parse_number(match["n"])
    mult = (match.groupdict().get("mult") or "").strip().lower()
    return n * MULTIPLIERS[mult] if n is not None and mult else n


def _money(match: re.Match[str], text: str) -> Quantity | None:
    value = _scaled(match)
    symbol = (match.groupdict().get("cur") or "").lower()
    code = CURRENCY_SYMBOLS.get(symbol) or next(
        (c for w, c in CURRENCY_WORDS.items() if symbol.rstrip("s") == w or symbol == w), None)
    return _make(match, "money", value, code, _qualifier(match)) if value is not None and code else None


def _count(match: re.Match[str], text: str) -> Quantity | None:
    raw = match["n"]
    # Four bare digits are a year or a code ("the 1831 count"), not a count.
    if raw.lower() in ("a", "an", "one") or re.fullmatch(r"\d{4}", raw) or NOT_AFTER.search(text[:match.start("n")]):
        return None
    value = _scaled(match)
    if match.groupdict().get("strong"):  # "a 60 million-strong diaspora": a body of people
        return _make(match, "count", value, "people", _qualifier(match)) if value is not None else None
    noun, mods = match["noun"], match["mods"].split()
    low = noun.lower()
    plural = low in IRREGULAR_PLURALS or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3)
    unit_word = any(low.startswith(k) for k in TIME_UNITS) or low.rstrip("s") in DATA_UNITS or \
        low.rstrip("s") in CURRENCY_WORDS
    if value is None or not plural or low in NOT_PLURALS or unit_word or low in MONTH_NAMES:
        return None
    if any(w.lower() in FUNCTION_WORDS or w.lower() in NOT_PLURALS for w in mods) or (noun[0].isupper() and mods):
        return None
    return _make(match, "count", value, low if noun[0].islower() else noun, _qualifier(match))


def _age(match: re.Match[str], text: str) -> Quantity | None:
    n = parse_number(match["n"])
    if n is None or not 0 < n < 120:
        return None
    if match.groupdict().get("comma") is not None:  # "Wen Haoyu, 44,": a name, a comma, the age, a comma
        before = re.search(r"([A-Z][\w'’-]*\.?|[A-Z]\.)\s*,\s*$", text[:match.start()])
        if not before or before.group(1).rstrip(".").lower() in MONTH_NAMES:
            return None
    return _make(match, "age", n, "years")


# ---------------------------------------------------------------- the rule table and the scanner

_UNIT = r"(?P<unit>(?i:years?|yrs?|months?|decades?|weeks?|days?|hours?|minutes?|jahre?n?|monate?n?|wochen?|tage?n?))"
RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("age", re.compile(rf"(?i)(?<![\w-])(?P<n>{_NUM})[\s-]+years?[\s-]+old\b"), _age),
    ("age", re.compile(r"(?i)(?<!\w)aged\s+(?P<n>\d{1,3})\b"), _age),
    ("age", re.compile(r"(?<=,\s)(?P<comma>)(?P<n>\d{1,3})(?=,)"), _age),
    ("age", re.compile(r"(?<!\d)(?P<n>\d{1,3})(?:岁|-jährige\w*)"), _age),
    ("sentence", re.compile(r"(?i)\b(?:life\s+(?:imprisonment|sentences?|terms?|in\s+(?:prison|jail)|behind\s+bars)"
                            r"|(?<=to\s)life\b|lebenslang\w*(?:\s+(?:Haft|Freiheitsstrafe))?)|无期徒刑"), _life),
    ("sentence", re.compile(r"(?i)(?<=to\s)death\b|\bdeath\s+sentences?\b"), _death),
    ("sentence", re.compile(r"(?P<n>\d{1,2})\s*年(?:有期)?徒刑"), _chinese_sentence),
    ("sentence", re.compile(r"有期徒刑(?P<n>\d{1,2})年(?:(?P<m>\d{1,2})个月)?"), _chinese_sentence),
    ("time", re.compile(rf"{_QUAL}(?P<n>{_NUM}|(?i:a|an|ein|einem|einen))(?P<half>\s+and\s+a\s+half)?(?:\s+|-){_UNIT}"
                        rf"(?![\w])(?:['’]s?)?(?:\s+(?:and|und)\s+(?P<n2>{_NUM})\s+"
                        r"(?P<unit2>(?i:months?|monate?n?|weeks?|days?)))?"), _time),
    ("time", re.compile(rf"{_QUAL}(?P<n>(?i:a|an|one))\s+{_UNIT}(?P<half>\s+and\s+a\s+half)"), _time),
    ("data", re.compile(rf"{_QUAL}(?P<n>{_NUM})\s*(?P<unit>(?i:gigabytes?|terabytes?|megabytes?|petabytes?|kilobytes?)"
                        r"|GB|TB|MB|PB|KB)\b"), _data),
    ("money", re.compile(rf"{_QUAL}(?P<cur>(?i:US\$|AU?\$|C\$|HK\$)|[$£€¥])\s?(?P<n>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)"
                         rf"(?:\.\d+)?){_MULT}"), _money),
    ("money", re.compile(rf"{_QUAL}(?P<n>{_NUM})(?:\s+(?P<mult>(?i:million|billion|thousand)))?\s+"
                         rf"(?P<cur>(?i:{_alt(CURRENCY_WORDS)})s?)\b"), _money),
    ("count", re.compile(rf"{_QUAL}(?P<n>{_NUM}){_MULT}(?P<strong>-strong)\b"), _count),
    # Up to two modifiers, then the first plural noun on the same line: "3,400 company files".
    ("count", re.compile(rf"{_QUAL}(?P<n>{_NUM}){_MULT}[^\S\n]+(?P<mods>(?:[A-Za-z][\w'’-]*[^\S\n]+){{0,2}}?)"
                         rf"(?P<noun>[A-Za-z][a-z]+s|{_alt(IRREGULAR_PLURALS)})\b"), _count),
]


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order; where readings overlap, the leftmost and then longest wins."""
    found: list[tuple[int, int, int, Quantity]] = []
    for index, (_, pattern, handler) in enumerate(RULES):
        for match in pattern.finditer(text):
            quantity = handler(match, text)
            if quantity is not None:
                found.append((quantity.start, -quantity.end, index, quantity))
    found.sort(key=lambda item: item[:3])
    chosen: list[Quantity] = []
    end = 0
    for start, _, _, quantity in found:
        if start >= end:
            chosen.append(quantity)
            end = quantity.end
    return chosen


def sentence_months(text: str) -> int | None:
    """The imposed sentence in `text`, in months: not a requested or maximum one; a suspended
    sentence only when nothing else was imposed. None for life or when no sentence is stated."""
    sentences = [q for q in find_quantities(text) if q.kind == "sentence"]
    imposed = [q for q in sentences if q.qualifier not in NOT_IMPOSED] or \
        [q for q in sentences if q.qualifier == "suspended"]
    return imposed[0].months if imposed else None
