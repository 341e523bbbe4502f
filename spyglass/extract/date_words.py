"""The word tables of the date resolver (English, German, Chinese), declared as data."""

from __future__ import annotations


def _offsets(block: str) -> dict[str, tuple[str, int]]:
    """Read "unit offset: phrase | phrase" lines into {phrase: (unit, offset)}."""
    table: dict[str, tuple[str, int]] = {}
    for line in block.strip().splitlines():
        head, _, phrases = line.partition(":")
        unit, offset = head.split()
        table |= {phrase.strip(): (unit, int(offset)) for phrase in phrases.split("|")}
    return table


# ---------------------------------------------------------------- policy, declared as data

# The finest precision each kind of expression can give; every result is cut to it. Seasons are
# their first month (northern hemisphere): a month inside the season is more useful on a case
# timeline than nothing, and it falls inside the season span that annotators write.
PRECISION: dict[str, str] = {
    "explicit_day": "day",  # 14 March 2023, 23.10.2025, 2025年4月9日
    "day_of_month": "day",  # 14 March, 4月9日, 当地时间9日: year or month from publication
    "weekday": "day",  # on Monday, am Donnerstag, 周一
    "month": "month",  # in November, mid-October, March 2023, 去年11月
    "season": "month",  # in the spring -> March
    "year": "year",  # 2019, late 2023, Anfang 2023: part of a year is still only a year
}
# A counted offset ("three weeks ago") is as precise as its unit; a vague count ("a few weeks
# ago") is one step coarser, and "a few years ago" is too loose to date at all.
UNIT_PRECISION: dict[str, str | None] = {"day": "day", "week": "week", "month": "month", "year": "year"}
VAGUE_PRECISION: dict[str, str | None] = {"day": "week", "week": "month", "month": "month", "year": None}
VAGUE_COUNT = 4  # "a few" / "several": more than a couple, well short of many

# Relative to the publication date. "has just" reads as the publication month, but only when a
# tagger already called the span a date (WEAK): in running text "has just left" is rarely one.
DEICTIC = _offsets("""
day 0: today | heute | 今天 | 今日
day -1: yesterday | gestern | 昨天 | 昨日
day -2: the day before yesterday | vorgestern | 前天
day 1: tomorrow | 明天
week 0: this week | diese woche | dieser woche | 本周 | 这周 | 本星期
week -1: last week | letzte woche | vergangene woche | vergangenen woche | 上周 | 上星期 | 上个星期
week 1: next week | nächste woche | kommende woche | 下周 | 下星期 | 下个星期
month 0: this month | has just | have just | diesen monat | 本月 | 这个月
month -1: last month | letzten monat | vergangenen monat | 上个月 | 上月
month 1: next month | nächsten monat | 下个月 | 下月
year 0: this year | dieses jahr | dieses jahres | 今年
year -1: last year | letztes jahr | vergangenes jahr | vergangenen jahr | vergangenen jahres | vorjahr | 去年
year -2: 前年
year 1: next year | nächstes jahr | nächsten jahr | kommenden jahr | 明年
""")
# Relative to the date mentioned just before; never more precise than that date ("the same
# day" after "last week" is that week). "have since" dates an act after it, within its month.
ANAPHORIC = _offsets("""
day 0: the same day | that same day | that day | selben tag | gleichen tag | 当天 | 当日 | 同日
day 1: the following day | the next day | the day after | folgetag | folgenden tag | 次日 | 第二天
day -1: the previous day | the day before
week 0: the same week | that week
week 1: the following week
week -1: the previous week
month 0: the same month | that month | has since | have since | 同月 | 当月
month 1: the following month | 次月
month -1: the previous month
year 0: the same year | that year | selben jahr | gleichen jahr | 同年 | 当年
year 1: the following year | folgejahr | 次年
year -1: the previous year
""")
WEAK = {"has just", "have just", "has since", "have since"}
# A year named after a month or day: "in May last year", "im Juni vergangenen Jahres", "同年10月".
YEAR_QUALIFIERS = _offsets("""
pub 0: this year | dieses jahres | 今年
pub -1: last year | vergangenen jahres | des vergangenen jahres | letzten jahres | des vorjahres | 去年
pub -2: 前年
pub 1: next year | nächsten jahres | 明年
prev 0: the same year | that year | 同年 | 当年
prev -1: the previous year
prev 1: the following year | 次年
""")
MONTHS = {name: i + 1 for i, name in enumerate(
    "January February March April May June July August September October November December".split())}
MONTHS |= {"Januar": 1, "Jänner": 1, "Februar": 2, "März": 3, "Maerz": 3, "Mai": 5, "Juni": 6,
           "Juli": 7, "Oktober": 10, "Dezember": 12}
ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                 "Sept": 9, "Oct": 10, "Okt": 10, "Nov": 11, "Dec": 12, "Dez": 12}
AMBIGUOUS_BARE = {"May"}  # a modal verb and a surname: needs "in", a day or a year around it
WEEKDAYS = {name: i for names in ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
                                  "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag")
            for i, name in enumerate(names.split())} | {"Sonnabend": 5}
CJK_WEEKDAYS = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "frühjahr": 3,
           "frühling": 3, "sommer": 6, "herbst": 9}
UNITS = {"day": ("day", 1), "week": ("week", 1), "month": ("month", 1), "year": ("year", 1),
         "decade": ("year", 10), "tag": ("day", 1), "woche": ("week", 1), "monat": ("month", 1),
         "jahrzehnt": ("year", 10), "jahr": ("year", 1), "天": ("day", 1), "周": ("week", 1),
         "星期": ("week", 1), "月": ("month", 1), "年": ("year", 1)}
NUMBERS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS |= {w: i + 2 for i, w in enumerate("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split())}
NUMBERS |= {"a": 1, "an": 1, "ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "a couple of": 2,
            "a dozen": 12, "fifteen": 15, "twenty": 20, "zwanzig": 20, "thirty": 30, "dreißig": 30}
VAGUE = {"a few", "few", "several", "some", "ein paar", "einigen", "wenigen", "几"}
# Where a counted offset is anchored, and which way it runs. A deadline ("within 30 days")
# counts calendar days forward from publication.
DIRECTIONS = {"ago": ("pub", -1), "vor": ("pub", -1), "前": ("pub", -1), "之前": ("pub", -1),
              "以前": ("pub", -1), "earlier": ("prev", -1), "later": ("prev", 1), "within": ("deadline", 1),
              "binnen": ("deadline", 1), "innerhalb": ("deadline", 1), "innerhalb von": ("deadline", 1)}
# Which way a year-less phrase points: a modifier decides ("last", "next"); then the nearest tense
# word in the clause before it ("returns to court in October", "was convicted in November");
# then "for"/"until" in the phrase ("set for February"); otherwise the past, as news reports it.
MODES = {"last": "before", "past": "before", "this past": "before", "vergangenen": "before",
         "letzten": "before", "next": "after", "coming": "after", "this coming": "after",
         "kommenden": "after", "nächsten": "after"}
STRONG_PAST_CUES = {"since", "seit"}
WEAK_FUTURE_CUES = {"for", "until", "till", "bis"}
FUTURE_WORDS = {"will", "shall", "ll", "due", "expected", "scheduled", "set", "adjourned", "returns",
                "resumes", "reconvenes", "begins", "starts", "opens", "upcoming", "wird", "werden",
                "soll", "sollen"}
PAST_WORDS = {"was", "were", "had", "has", "have", "did", "been", "wurde", "wurden", "war", "waren",
              "hatte", "hatten", "hat", "haben"}
CJK_FUTURE = ("将", "预计", "拟", "定于")
