"""Find date phrases in news text and resolve them against the publication date, with a precision.

News says "on Monday", "last month", "去年11月", "am Donnerstag": each is read against the publication
date, or ("the same day", "that October") the date mentioned before it. dateparser is only a fallback
for explicit dates in formats we do not list. Durations and ages match no rule, so are never dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from collections.abc import Callable, Iterable

from spyglass.model.dates import PRECISIONS, FuzzyDate


from spyglass.extract.date_words import (  # noqa: F401 (the tables are part of this module's API)
    PRECISION, UNIT_PRECISION, VAGUE_PRECISION, VAGUE_COUNT, DEICTIC, ANAPHORIC, WEAK, YEAR_QUALIFIERS, MONTHS, ABBREVIATIONS, AMBIGUOUS_BARE, WEEKDAYS, CJK_WEEKDAYS, SEASONS, UNITS, NUMBERS, VAGUE, DIRECTIONS, MODES, STRONG_PAST_CUES, WEAK_FUTURE_CUES, FUTURE_WORDS, PAST_WORDS, CJK_FUTURE,
)


# ---------------------------------------------------------------- public API

@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: character offsets, the words, and what they resolve to."""

    start: int
    end: int
    phrase: str
    date: FuzzyDate | None


def resolve(phrase: str, published: dt.date | None, *, previous: FuzzyDate | None = None,
            date_order: str = "DMY", before: str = "") -> FuzzyDate | None:
    """Resolve one date phrase (e.g. a spaCy DATE span); None when it names no date.

    `previous` anchors "the same day" and "that October"; `before` is the text preceding the
    phrase in its sentence, whose tense decides whether "in October" is past or upcoming.
    """
    for mention in _scan(phrase, published, previous, date_order, before, whole=True):
        if mention.date is not None:
            return mention.date
    return _dateparser_fallback(phrase, published, date_order)


def find_date_phrases(text: str, published: dt.date | None, *, previous: FuzzyDate | None = None,
                      date_order: str = "DMY") -> list[DateMention]:
    """Every date expression in `text`, in order; each one anchors the anaphora that follow it."""
    return _scan(text, published, previous, date_order, "", whole=False)


# ---------------------------------------------------------------- patterns

def _is_cjk(word: str) -> bool:
    return any("\u3000" <= c <= "\u9fff" for c in word)


def _alt(words: Iterable[str], flags: str = "", cjk: bool = False) -> str:
    """A regex alternation, longest first; Latin words kept whole with flexible spaces."""
    chosen = sorted((w for w in words if _is_cjk(w) == cjk), key=len, reverse=True)
    body = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in chosen)
    if not cjk:  # one pair of word-boundary checks around them all: the same matches, tried faster
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


_YEAR = r"(?:19|20)\d{2}(?!\d)"
_CUE_WORDS = ("in", "on", "since", "until", "till", "by", "for", "from", "during", "between", "and", "through", "before",
              "after", "of", "im", "am", "seit", "bis", "ab", "vom", "earlier on", "later on")
_CUE = rf"(?:(?P<cue>(?i:{'|'.join(w.replace(' ', chr(92) + 's+') for w in _CUE_WORDS)}))\s+)?"
_PART_WORDS = ("early", "mid", "late", "the end of", "the start of", "the beginning of", "the middle of", "end of",
               "anfang", "mitte", "ende", "earlier", "later")
_PART = rf"(?P<part>(?i:{'|'.join(w.replace(' ', chr(92) + 's+') for w in _PART_WORDS)})[\s-]+)?"
_MOD_WORDS = list(MODES) + ['this', 'that', 'diesen']
_MOD = rf"(?:(?P<mod>{_alt(_MOD_WORDS, 'i')})\s+)?"
_MONTH = rf"(?P<month>{_alt(MONTHS)})"
_MONTH_ABBR = rf"(?P<month>{_alt(MONTHS)}|{_alt(ABBREVIATIONS)}\.?)"
_TAIL = rf"(?:\s+(?:of\s+)?(?P<yq>{_alt(YEAR_QUALIFIERS, 'i')})|,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"
_CJK_YEAR = rf"(?<!\d)(?:(?P<year>{_YEAR})年|(?P<yq>{_alt(YEAR_QUALIFIERS, cjk=True)}))?"
_NUM = rf"(?P<n>{_alt(set(NUMBERS) | VAGUE, 'i')}|\d{{1,3}})"
_UNIT = r"(?P<unit>(?i:days?|weeks?|months?|years?|decades?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|jahrzehnt(?:en)?))"
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


# ---------------------------------------------------------------- resolution helpers

@dataclass(frozen=True)
class _Ctx:
    published: dt.date | None
    previous: FuzzyDate | None
    date_order: str
    lean: str  # "past" or "future": which way a year-less phrase points


Span = tuple[dt.date, dt.date, FuzzyDate]


def _shift(base: dt.date, unit: str, offset: int) -> FuzzyDate:
    if unit in ("day", "week"):
        days = base + dt.timedelta(days=offset * (7 if unit == "week" else 1))
        return FuzzyDate.day(days) if unit == "day" else FuzzyDate.week(days)
    if unit == "month":
        year, month0 = divmod(base.year * 12 + base.month - 1 + offset, 12)
        return FuzzyDate.month(year, month0 + 1)
    return FuzzyDate.year(base.year + offset)


def _coarsen(date: FuzzyDate, precision: str) -> FuzzyDate:
    """Cut `date` to `precision` when that is coarser."""
    if PRECISIONS.index(precision) >= PRECISIONS.index(date.precision):
        return date
    return FuzzyDate(date.at_precision(precision), precision)


def _pick(spans: list[Span], published: dt.date, mode: str) -> FuzzyDate | None:
    """Choose among the readings of a year-less phrase by where they sit around publication."""
    tests: dict[str, Callable[[dt.date, dt.date], bool]] = {
        "past": lambda first, last: first <= published, "future": lambda first, last: last >= published,
        "before": lambda first, last: last < published, "after": lambda first, last: first > published}
    fits = [span for span in sorted(spans, key=lambda s: s[0]) if tests[mode](span[0], span[1])]
    return (fits[-1][2] if mode in ("past", "before") else fits[0][2]) if fits else None


def _is_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= FuzzyDate.month(year, month).last_day().day


def _around(published: dt.date, month: int, day: int = 0, length: int = 1) -> list[Span]:
    """The readings of a year-less month (`length` months long) or day in the years around publication."""
    spans: list[Span] = []
    for year in range(published.year - 2, published.year + 2):
        if day and _is_day(year, month, day):
            spans.append((dt.date(year, month, day), dt.date(year, month, day), FuzzyDate.day(dt.date(year, month, day))))
        elif not day:
            end = FuzzyDate.month(year + (month + length - 2) // 12, (month + length - 2) % 12 + 1).last_day()
            spans.append((dt.date(year, month, 1), end, FuzzyDate.month(year, month)))
    return spans


def _group(match: re.Match[str], name: str) -> str:
    return re.sub(r"\s+", " ", (match.groupdict().get(name) or "").strip().lower())


def _year_of(match: re.Match[str], ctx: _Ctx) -> tuple[bool, int | None]:
    """Whether the phrase names its year ("May 2023", "in May last year", "that May": the previous
    date's year), and that year (None when it cannot be known)."""
    if match.groupdict().get("year"):
        return True, int(match["year"])
    anchor, offset = YEAR_QUALIFIERS.get(_group(match, "yq")) or {"this": ("pub", 0), "diesen": (
        "pub", 0), "that": ("prev", 0)}.get(_group(match, "mod"), ("", 0))
    base = {"pub": ctx.published, "prev": ctx.previous.first_day() if ctx.previous else None}.get(anchor)
    return bool(anchor), base.year + offset if base else None


def _mode(match: re.Match[str], ctx: _Ctx) -> str:
    return MODES.get(_group(match, "mod"), ctx.lean)


def _count(word: str) -> tuple[int, bool]:
    """A count and whether it is vague: "three", "a few", "3", "十一", "几"."""
    if word in VAGUE or word == "几":
        return VAGUE_COUNT, True
    if word.isdigit() or word in NUMBERS:
        return NUMBERS.get(word) or int(word), False
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    tens, ten, ones = word.partition("十")
    return (digits.get(tens, 1) * 10 + digits.get(ones, 0)) if ten else digits.get(word, 0), False


def _dateparser_fallback(phrase: str, published: dt.date | None, date_order: str) -> FuzzyDate | None:
    """Explicit day-month-year dates in formats or languages the rules do not list ("7 października 2023")."""
    if not (re.search(_YEAR, phrase) and re.search(r"(?<!\d)\d{1,2}(?!\d)", phrase)):
        return None  # without a day and a year it is not explicit, and relative phrases are ours
    import dateparser  # type: ignore[import-untyped]  # slow to import; most texts never need it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": date_order,
                                   "REQUIRE_PARTS": ["day", "month", "year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(phrase, settings=settings)
    return FuzzyDate.day(parsed.date()) if parsed and str(parsed.year) in phrase else None


# ---------------------------------------------------------------- handlers, one per kind of phrase

Handler = Callable[[re.Match[str], _Ctx], FuzzyDate | None]


def _day_month(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    word, day = match["month"], int(match["day"])
    month = MONTHS.get(word) or ABBREVIATIONS.get(word.rstrip(".")) or int(word)
    if match.groupdict().get("sep") in (".", "/") and ctx.date_order.upper().startswith("M"):
        day, month = month, day
    if month > 12 >= day:  # the page's order cannot be right, the other one can ("10/23/2025")
        day, month = month, day
    named, year = _year_of(match, ctx)
    if named or not 1 <= month <= 12:
        return FuzzyDate.day(dt.date(year, month, day)) if year and _is_day(year, month, day) else None
    return _pick(_around(ctx.published, month, day), ctx.published, _mode(match, ctx)) if ctx.published else None


def _month(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    """A month, or a season as its first month over a three-month span."""
    season = match.groupdict().get("season")
    month = SEASONS[season.lower()] if season else MONTHS.get(match["month"]) or int(match["month"])
    named, year = _year_of(match, ctx)
    if named or not 1 <= month <= 12:
        if season and month == 12 and year:  # "winter 2023" may mean either end of that year
            return FuzzyDate.year(year)
        return FuzzyDate.month(year, month) if year and 1 <= month <= 12 else None
    spans = _around(ctx.published, month, length=3 if season else 1) if ctx.published else []
    return _pick(spans, ctx.published, _mode(match, ctx)) if ctx.published else None


def _day_of_month(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    """A bare "9日": that day of the publication month, or of the month either side of it."""
    if ctx.published is None:
        return None
    months = [_shift(ctx.published, "month", k).first_day() for k in (-1, 0, 1)]
    days = [m.replace(day=int(match["day"])) for m in months if _is_day(m.year, m.month, int(match["day"]))]
    spans = [(d, d, FuzzyDate.day(d)) for d in days]
    return _pick(spans, ctx.published, ctx.lean)


def _weekday(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    if ctx.published is None:
        return None
    published, rel = ctx.published, match.groupdict().get("rel")
    weekday = CJK_WEEKDAYS[match["cjkwd"]] if match.groupdict().get("cjkwd") else WEEKDAYS[match["wd"]]
    if rel:  # 上周五 is Friday of the previous calendar week, not the latest Friday
        monday = published - dt.timedelta(days=published.weekday() - 7 * {"上": -1, "下": 1}.get(rel, 0))
        return FuzzyDate.day(monday + dt.timedelta(days=weekday))
    days = (published + dt.timedelta(days=k) for k in range(-7, 8))
    return _pick([(d, d, FuzzyDate.day(d)) for d in days if d.weekday() == weekday], published, _mode(match, ctx))


def _keyed(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    """A phrase from DEICTIC (counted from publication) or ANAPHORIC (from the previous date)."""
    key = _group(match, "key")
    if key in DEICTIC:
        return _shift(ctx.published, *DEICTIC[key]) if ctx.published else None
    previous = ctx.previous
    return _coarsen(_shift(previous.first_day(), *ANAPHORIC[key]), previous.precision) if previous else None


def _counted(match: re.Match[str], ctx: _Ctx) -> FuzzyDate | None:
    """"three weeks ago", "two years earlier", "within 30 days", "vor zehn Jahren", "十年前"."""
    count, vague = _count(_group(match, "n"))
    unit, multiple = next(UNITS[k] for k in sorted(UNITS, key=len, reverse=True) if _group(match, "unit").startswith(k))
    precision = (VAGUE_PRECISION if vague else UNIT_PRECISION)[unit]
    anchor, sign = DIRECTIONS[_group(match, "dir")]
    base = {"prev": ctx.previous.first_day() if ctx.previous else None}.get(anchor, ctx.published)
    if precision is None or base is None:
        return None
    if anchor == "deadline" and unit in ("day", "week"):
        return FuzzyDate.day(base + dt.timedelta(days=count * multiple * (7 if unit == "week" else 1)))
    result = _coarsen(_shift(base, unit, sign * count * multiple), precision)
    return _coarsen(result, ctx.previous.precision) if anchor == "prev" and ctx.previous else result


# ---------------------------------------------------------------- the rule table and the scanner

Accept = Callable[[re.Match[str], str, bool], bool]


def _needs_context(*groups: str) -> Accept:
    """Take a bare ambiguous word ("May", "spring") only with a cue around it or as the whole span."""
    def accept(match: re.Match[str], text: str, whole: bool) -> bool:
        if (whole and match.group(0) == text.strip()) or any(match.groupdict().get(g) for g in groups):
            return True
        word = match.groupdict().get("month")  # bare month: not "May", not a first name ("April Smith")
        return word is not None and word not in AMBIGUOUS_BARE and not re.match(r"\s+[A-Z]", text[match.end():])
    return accept


def _accept_keyed(match: re.Match[str], text: str, whole: bool) -> bool:
    """Weak cues only inside a tagged span; "the last year" and "USA Today" are not dates."""
    if _group(match, "key") in WEAK and not whole:
        return False
    if match["key"][0].isupper() and re.search(r"[A-Z]\w*\s+$", text[max(0, match.start() - 20):match.start()]):
        return False
    return not re.search(r"(?i)\b(?:the|past|over)\s+$", text[max(0, match.start() - 8):match.start()])


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    handler: Handler
    accept: Accept | None = None
    # A pattern every match of `pattern` contains: where it finds nothing, `pattern` is not run
    # (a pattern that opens with an optional group is tried at every character, which is slow).
    gate: re.Pattern[str] | None = None


def _gate(words: Iterable[str]) -> re.Pattern[str]:
    """Finds one of `words` wherever `_alt(words, 'i')` or `_alt(words, cjk=True)` would, faster:
    one case-insensitive alternation behind a single pair of word-boundary checks."""
    latin = sorted((w for w in words if not _is_cjk(w)), key=len, reverse=True)
    body = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in latin)
    cjk = _alt(words, cjk=True) if any(_is_cjk(w) for w in words) else None
    return re.compile(rf"(?i)(?<!\w)(?:{body})(?!\w)" + (f"|{cjk}" if cjk else ""))


def _opening(*words: Iterable[str], digits: bool = False) -> str:
    """A lookahead for the first letters of `words` in either case (and any digit, as `\\d` reads
    them): put before a pattern that opens with optional groups and whose every match starts with
    one of those words (or a digit), it lets the scanner skip the other characters at once instead
    of trying every alternative there. The matches are the same."""
    firsts = {c for group in words for w in group for c in (w[0].lower(), w[0].upper())}
    return f"(?=(?i:[{''.join(re.escape(c) for c in sorted(firsts))}{chr(92) + 'd' if digits else ''}]))"


_ANAPHORIC_CUES = ("on", "in", "during", "by", "at", "am", "im")

RULES: list[_Rule] = [
    _Rule("explicit_day", re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})(?P<sep>[./])(?P<month>\d{{1,2}})(?P=sep)(?P<year>{_YEAR})"), _day_month),
    _Rule("explicit_day", re.compile(rf"(?<!\d)(?P<year>{_YEAR})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)"), _day_month),
    _Rule("day_of_month", re.compile(rf"{_opening(_CUE_WORDS, ['the'], digits=True)}(?<!\w){_CUE}(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{_MONTH_ABBR}{_TAIL}"), _day_month),
    _Rule("day_of_month", re.compile(rf"(?<!\w){_CUE}{_MONTH_ABBR}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\w|[:.]\d){_TAIL}"), _day_month),
    _Rule("month", re.compile(rf"{_opening(_CUE_WORDS, _MOD_WORDS, _PART_WORDS, MONTHS)}(?<!\w){_CUE}{_MOD}{_PART}{_MONTH}{_TAIL}"),
          _month, _needs_context("cue", "mod", "part", "yq", "year")),
    _Rule("day_of_month", re.compile(rf"{_CJK_YEAR}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日号]"), _day_month),
    _Rule("month", re.compile(rf"{_CJK_YEAR}(?P<month>\d{{1,2}})月"), _month),
    _Rule("year", re.compile(rf"(?<!\d)(?P<year>{_YEAR})年(?!代)"), lambda match, ctx: FuzzyDate.year(int(match["year"]))),
    _Rule("day_of_month", re.compile(r"(?<![\d月])(?P<day>\d{1,2})日"), _day_of_month),
    _Rule("season", re.compile(rf"(?<!\w){_CUE}{_MOD}(?:the\s+)?{_PART}(?P<season>{_alt(SEASONS, 'i')})"
                               rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})|\s+(?P<yq>{_alt(['last year', 'this year', 'next year'], 'i')}))?"),
          _month, _needs_context("cue", "mod", "yq", "year"), _gate(SEASONS)),
    _Rule("weekday", re.compile(rf"(?<!\w){_CUE}{_MOD}(?P<wd>{_WEEKDAY})(?:abend|morgen|nachmittag|vormittag|mittag)?"
                                r"(?:['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?(?!\w)"), _weekday,
          gate=re.compile(rf"(?<!\w)(?:{_WEEKDAY})")),
    _Rule("weekday", re.compile(r"(?P<rel>[上下本这])?个?(?:周|星期|礼拜)(?P<cjkwd>[一二三四五六日天])"), _weekday),
    _Rule("deictic", re.compile(rf"{_opening(_PART_WORDS, DEICTIC)}{_PART}(?P<key>{_alt(DEICTIC, 'i')}|{_alt(DEICTIC, cjk=True)})"),
          _keyed, _accept_keyed,
          _gate(DEICTIC)),
    _Rule("anaphoric", re.compile(rf"{_opening(_ANAPHORIC_CUES, ANAPHORIC)}(?:(?P<cue>(?i:{'|'.join(_ANAPHORIC_CUES)}))\s+)?"
                                  rf"(?P<key>{_alt(ANAPHORIC, 'i')}|{_alt(ANAPHORIC, cjk=True)})"),
          _keyed, _accept_keyed, _gate(ANAPHORIC)),
    _Rule("counted", re.compile(rf"(?<!\w){_NUM}\s+{_UNIT}\s+(?P<dir>(?i:ago|earlier|later))(?!\w)"), _counted,
          gate=re.compile(r"(?i)\s(?:ago|earlier|later)(?!\w)")),
    _Rule("counted", re.compile(rf"(?<!\w)(?P<dir>(?i:within|binnen|innerhalb(?:\s+von)?|vor))\s+{_NUM}\s+{_UNIT}(?!\w)"), _counted),
    _Rule("counted", re.compile(r"(?P<n>[\d一二两三四五六七八九十几]+)\s*个?(?P<unit>天|周|星期|月|年)(?P<dir>之前|以前|前)"), _counted),
    _Rule("year", re.compile(rf"(?<![\w$£€.,/-]){_CUE}{_PART}(?P<year>{_YEAR})(?![\w%]|-\d|[.,]\d|\s*-?\s*(?i:years?|jahre)\b)"), lambda match, ctx: FuzzyDate.year(int(match["year"]))),
    _Rule("explicit_day", re.compile(rf"(?<![\w.])\d{{1,2}}\.?\s+[^\W\d_]{{3,12}}\.?,?\s+{_YEAR}"),
          lambda match, ctx: _dateparser_fallback(match.group(0), ctx.published, ctx.date_order)),
]


_CJK_CHAR = re.compile("[\u3000-\u9fff]")

# Rules that can only match Chinese text: skipped on texts without Han characters (speed).
def _cjk_only(pattern: str) -> bool:
    words = re.sub(r"\?P[<=]\w+>?|\\[a-zA-Z]", "", pattern)  # group names and escapes are not words
    return bool(re.search(r"[\u3000-\u9fff]", pattern)) and not re.search(r"[A-Za-z]{3}", words)


_CJK_ONLY = {i for i, rule in enumerate(RULES) if _cjk_only(rule.pattern.pattern)}


def _lean(cue: str, before: str) -> str:
    """Past or future, from the cue in the phrase and the nearest tense word in the clause before it."""
    if cue in STRONG_PAST_CUES:
        return "past"
    if any(marker in before[-12:] for marker in CJK_FUTURE):
        return "future"
    words = re.findall(r"[^\W\d_]+", before)[-8:]
    for index in range(len(words) - 1, -1, -1):
        word, low = words[index], words[index].lower()
        if low in FUTURE_WORDS:
            return "future"
        # "-ed" reads as past tense, except in a passive infinitive ("is due to be sentenced")
        passive = index > 0 and words[index - 1].lower() in ("be", "being")
        if low in PAST_WORDS or (word.islower() and len(word) > 4 and low.endswith("ed") and not passive):
            return "past"
    return "future" if cue in WEAK_FUTURE_CUES else "past"


def _scan(text: str, published: dt.date | None, previous: FuzzyDate | None, date_order: str,
          before: str, whole: bool) -> list[DateMention]:
    has_cjk = _CJK_CHAR.search(text) is not None
    rules = [(index, rule) for index, rule in enumerate(RULES) if (has_cjk or index not in _CJK_ONLY)
             and (rule.gate is None or rule.gate.search(text))]
    found = [(match.start(), -match.end(), index, match) for index, rule in rules
             for match in rule.pattern.finditer(text)
             if match.end() > match.start() and (rule.accept is None or rule.accept(match, text, whole))]
    found.sort(key=lambda item: item[:3])  # leftmost, then longest, then the earlier rule
    mentions: list[DateMention] = []
    end, anchor = 0, previous
    for start, negative_end, index, match in found:
        if start < end:
            continue
        end = -negative_end
        clause = re.split(r"[.!?;。！？；\n]", before + text[max(0, start - 160):start])[-1]
        ctx = _Ctx(published, anchor, date_order, _lean(_group(match, "cue"), clause))
        date = RULES[index].handler(match, ctx)
        if date is not None:
            date = anchor = _coarsen(date, PRECISION[RULES[index].kind] if RULES[index].kind in PRECISION else date.precision)
        mentions.append(DateMention(start, end, match.group(0), date))
    return mentions
