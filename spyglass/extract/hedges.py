"""Find the hedge on a claim: who says so ("prosecutors said", "according to the indictment") and how sure.

A claim in news is rarely stated flat: it is alleged ("accused of", "allegedly"), attributed to a
source ("according to police", "the ministry said"), reported second-hand ("reportedly") or denied.
The kinds are the model's HEDGES vocabulary. Court findings ("was convicted", "found guilty",
"pleaded guilty") settle a fact rather than hedge it, so they are never cues themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spyglass.extract.word_start import joined
from spyglass.model.vocabulary import HEDGES

# ---------------------------------------------------------------- cue tables

# Cues that stand alone. A group named "source" says who is speaking when the phrase names it.
CUES: list[tuple[str, str]] = [
    ("alleged", r"\ballegedly\b|\b(?:is|are|was|were|been|being)\s+alleged\s+to\b|\balleged\b"
                r"|\ballegations?\s+that\b"),
    ("alleged", r"\b(?:accused|suspected)\s+of\b|\bon\s+suspicion\s+of\b|\bsuspected\b"),
    ("reported", r"\breportedly\b|\b(?:is|are|was|were)\s+(?:said|reported|understood|believed)\s+to\b"
                 r"|\bit\s+(?:was|has\s+been|is)\s+(?:reported|understood)\b"),
    ("reported", r"\b(?P<source>(?:\w+\s+)?(?:media|press|newspapers?|news\s+agenc(?:y|ies)|broadcasters?))\s+"
                 r"(?:have\s+|has\s+)?report(?:ed|s)?\b"),
    # "according to law" is procedure, not a source; the source ends where the clause resumes.
    ("attributed", r"\baccording\s+to\s+(?!(?:the\s+)?(?:law|plan|schedule|procedure|rules?)\b)"
                   r"(?P<source>[^,.;:()\"“”]{2,60}?)(?=\s*[,.;:)]|\s+(?:which|who|that|when|he|she|it|they|"
                   r"the\s+\w+\s+(?:is|was|were|had|has)\b)|$)"),
    ("attributed", r"\b(?:in|according\s+to)\s+(?:a|its|their|his|her)\s+statement\b|\b(?:issued|released|published)\s+"
                   r"(?:a\s+)?(?:statement|message|notice|announcement)\b"),
    ("denied", r"\b(?:denied|denies|deny|denying)\b(?!\s+(?:him\s+|her\s+|them\s+)?(?:bail|entry|access|a\s+visa|visas))"
               r"|\b(?:rejected|rejects|dismissed|dismisses)\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:accusations?|"
               r"allegations?|charges|claims)\b|\bplead(?:ed|s)?\s+not\s+guilty\b"),
    # German: "mutmaßlich", "soll ... haben", "laut Anklage", "nach Erkenntnissen der Ermittler".
    ("alleged", r"\bmutma(?:ß|ss)lich\w*|\b(?:soll|sollen|sollte|sollten)\b[^.;:]{1,80}?\b(?:haben|sein|worden)\b"
                r"|\bvorgeworfen\b|\bvorwirft\b|\bwirft\b[^.;]{1,60}?\bvor\b|\bbeschuldigt\w*|\bVerdachts?\b"),
    ("attributed", r"\blaut\s+(?P<source>(?:der\s+|dem\s+|des\s+)?\w+)"
                   r"|\bnach\s+(?:Angaben|Erkenntnissen|Darstellung|Auffassung|Überzeugung)\s+(?P<source_>(?:der|des)\s+\w+)"
                   r"|\b(?P<source__>(?:der|dem|des)\s+\w+)\s+zufolge"),
    ("reported", r"\b(?:Medienberichten|Berichten)\s+zufolge\b|\bberichte(?:t|te|ten)\b"),
    ("denied", r"\bbestr(?:eitet|itt|itten)\b|\bwies\b[^.;]{1,60}?\bzurück\b|\bweist\b[^.;]{1,60}?\bzurück\b"),
    # Chinese: 据…称 (according to), …称 (said), 涉嫌 (suspected of), 否认 (denied).
    ("reported", r"据报道|据悉"),
    ("attributed", r"据(?P<source>[^，。；、]{1,12}?)(?:介绍|称|表示|透露|通报|消息|显示)"
                   r"|据(?P<source_>[^，。；、]{0,6}起诉书)"),
    # 称 (said) but not 自称 (styled himself), 名称 (name), 称为 (called) and the like.
    ("attributed", r"(?P<source>[\u4e00-\u9fff]{2,8}?)(?<![自名简号堪声俗])(?:称|表示|指出|披露|通报)(?![为作号])"
                   r"|发布(?:消息|通报)"),
    ("alleged", r"涉嫌|指控|被控|声称"),
    ("denied", r"否认"),
]
# "X said", "prosecutors have alleged", "the CPS said it alleged": a speech verb, its kind, and a
# subject found by walking back over the words before it.
VERBS: dict[str, str] = {
    "said": "attributed", "says": "attributed", "say": "attributed", "stated": "attributed",
    "announced": "attributed", "disclosed": "attributed", "added": "attributed", "wrote": "attributed",
    "testified": "attributed", "confirmed": "attributed", "insisted": "attributed", "insist": "attributed",
    "insists": "attributed", "maintain": "attributed", "maintained": "attributed", "believe": "attributed",
    "believes": "attributed", "believed": "attributed", "described": "attributed", "told": "attributed",
    "alleged": "alleged", "alleges": "alleged", "allege": "alleged", "accused": "alleged", "accuse": "alleged",
    "accuses": "alleged", "claimed": "alleged", "claims": "alleged", "claim": "alleged",
    "understands": "reported", "understand": "reported",
    "denied": "denied", "denies": "denied", "deny": "denied", "rejected": "denied", "rejects": "denied",
    "sagte": "attributed", "sagten": "attributed", "erklärte": "attributed", "erklärten": "attributed",
    "teilte": "attributed", "teilten": "attributed",
}
# Verbs that hedge only with the right words after them: told to an audience ("told the court"),
# rejected an accusation ("rejected what it calls groundless accusations"), not "rejected that argument".
REQUIRES_AFTER = {
    "told": re.compile(r"^\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}(?:court|Court|jury|reporters|journalists|parliament|"
                       r"Parliament|lawmakers|MPs|hearing|magistrates|a\s+(?:news\s+)?(?:conference|briefing))\b"),
    "rejected": re.compile(r"(?i)^\s+(?:the\s+|all\s+|these\s+|those\s+|what\s+\w+\s+calls?\s+)?[\"“]?(?:\w+\s+)?"
                           r"(?:accusations?|allegations?|charges|claims)\b"),
}
REQUIRES_AFTER["rejects"] = REQUIRES_AFTER["rejected"]
# A verb followed by these is a participle or an act, not a speaker's words.
PASSIVE_AFTER = {"accused": r"\s+(?:of|to)\b", "alleged": r"\s+(?:of|to)\b", "claimed": r"\s+(?:of|to|by)\b",
                 "described": r"\s+(?:in|by)\b", "added": r"\s+(?:an?|the|to|\d)\b", "stated": r"\s+(?:in|by)\b"}
# Capitalised words that open a clause and never name who is speaking ("As stated", "What X says").
NOT_SPEAKERS = {"as", "what", "but", "and", "if", "when", "which", "so", "while", "how", "why"}
AUXILIARIES = set("has have had also previously earlier later repeatedly publicly first will would could did do does "
                  "now then only further long hatte hatten hat".split())
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "der", "die", "das", "dem", "des"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "er", "sie"}
SOURCE_HEADS = set("prosecutor prosecutors prosecution police officials official officers officer ministry minister "
                   "ministers government authorities investigators investigator agents agent department indictment "
                   "complaint affidavit documents papers filings records judge judges court spokesman spokeswoman "
                   "spokesperson statement lawyer lawyers attorney attorneys counsel sources source diplomats "
                   "diplomat experts analysts analyst embassy consulate researchers service agency office bureau committee "
                   "report company firm defence defense investigation".split())
MODIFIERS = set("federal senior foreign local state national chinese german british us u.s. american russian "
                "polish iranian crown assistant special regional district public defence defense security "
                "intelligence justice interior".split())
# Court findings settle a fact; a cue inside one ("pleaded guilty", not "pleaded not guilty") is dropped.
FINDINGS = re.compile(r"(?i)\b(?:was|were|been|is)\s+convicted\b|\bpleaded\s+guilty\b|\bpleads\s+guilty\b|"
                      r"\bfound\s+(?:\w+\s+)?guilty\b|\bthe\s+jury\s+found\b|\bverurteilt\b")
# Without a span to aim at, the more specific kind wins: a denial or an allegation says more about a
# claim's standing than who voiced it.
PRIORITY = ("denied", "alleged", "reported", "attributed")
assert set(PRIORITY) | {"none"} == set(HEDGES), "hedge kinds must match the model vocabulary"


@dataclass(frozen=True)
class Hedge:
    """A hedge cue in a sentence: its kind, the words, their offsets, and who is speaking if named."""

    kind: str
    cue: str
    start: int
    end: int
    source: str | None = None


# ---------------------------------------------------------------- matching

_CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in CUES]
# every cue at once, its groups unnamed (most sentences hold none: one search tells)
_ANY_CUE = joined([re.compile(re.sub(r"\(\?P<\w+>", "(?:", p.pattern), p.flags) for _, p in _CUES])
_VERB = re.compile(rf"(?<![\w'’-])(?P<verb>{'|'.join(sorted(VERBS, key=len, reverse=True))})(?![\w'’-])", re.IGNORECASE)
_INVERTED = re.compile(r"[,\"”’]\s*(?P<verb>said|says|added|wrote)\s+(?P<source>(?:the\s+)?(?:[A-Z][\w.'’&-]*\s*){1,5}"
                       r"|the\s+(?:[\w.-]+\s+){0,2}(?:" + "|".join(sorted(SOURCE_HEADS, key=len, reverse=True)) + r")\s*)"
                       r"(?=[.,;]|$|\s+(?:in|on|at)\b)")  # "..., said the prosecutor."


def _clean_source(words: str | None) -> str | None:
    """"Prosecutors" -> "prosecutors", "The FBI" -> "the FBI"; a name keeps its capital."""
    if not words:
        return None
    words = re.sub(r"\s+", " ", words.strip(" ,'\"’”"))
    words = re.sub(r"(?<=[^\W\d_]{2})\.$", "", words)  # the sentence's full stop, not "U.S."
    first = words.split(" ")[0]
    if first.lower() in DETERMINERS | SOURCE_HEADS | MODIFIERS | PRONOUNS and first[1:] == first[1:].lower():
        words = first.lower() + words[len(first):]
    return words or None


def _names_body(word: str) -> bool:
    return word[:1].isupper() or word.lower() in SOURCE_HEADS


def _subject(sentence: str, verb_start: int) -> tuple[int, str] | None:
    """The speaker before a verb, walking back: "Federal prosecutors had", "the MSS", "they"."""
    tokens = list(re.finditer(r"\S+", sentence[:verb_start]))
    index = len(tokens) - 1
    while index >= 0 and tokens[index].group(0).lower() in AUXILIARIES:
        index -= 1
    if index < 0 or re.search(r"[,;:\"“”(]$", tokens[index].group(0)):
        return None
    head = tokens[index].group(0).strip("'’\"”")
    if head.lower() in PRONOUNS:
        return tokens[index].start(), head.lower()
    after_determiner = index > 0 and tokens[index - 1].group(0).lower() in DETERMINERS  # "the group claimed"
    if head.lower() in DETERMINERS | NOT_SPEAKERS or \
            not (head.lower() in SOURCE_HEADS or head[:1].isupper() or after_determiner):
        return None
    first = index
    while first > 0 and index - first < 6:
        word = tokens[first - 1].group(0)
        if re.search(r"[,;:\"“”()]$", word):
            break
        bare = word.strip("'’\"”").lower()
        if bare in NOT_SPEAKERS:
            break
        if bare in DETERMINERS:
            first -= 1
            break
        body = tokens[first - 2].group(0) if first > 1 else ""
        after_the = first > 2 and tokens[first - 3].group(0).lower() in DETERMINERS
        if bare in ("in", "of", "for") and body and (_names_body(body) or after_the):
            first -= 2  # "the Chinese embassy in Lisbon", "Director of Public Prosecutions"
            continue
        if not (word[:1].isupper() or bare in MODIFIERS or bare in SOURCE_HEADS or re.fullmatch(r"\w+['’]s", word)):
            break
        first -= 1
    start = tokens[first].start()
    return start, sentence[start:tokens[index].end()]


def _candidates(sentence: str) -> list[Hedge]:
    found: list[Hedge] = []
    for kind, pattern in _CUES if any(p.search(sentence) for p in _ANY_CUE) else ():
        for match in pattern.finditer(sentence):
            groups = {k: v for k, v in match.groupdict().items() if k.startswith("source") and v}
            source = next(iter(groups.values()), None)
            found.append(Hedge(kind, match.group(0), match.start(), match.end(), _clean_source(source)))
    for match in _VERB.finditer(sentence):
        verb = match["verb"].lower()
        audience = REQUIRES_AFTER[verb].match(sentence[match.end():]) if verb in REQUIRES_AFTER else None
        if verb in REQUIRES_AFTER and audience is None:
            continue
        if verb in PASSIVE_AFTER and re.match(PASSIVE_AFTER[verb], sentence[match.end():]):
            continue  # "a chemist accused of", "the pattern described in", "added a charge": not speech
        if VERBS[verb] == "denied" and re.match(r"\s+(?:him\s+|her\s+)?(?:bail|entry|access)", sentence[match.end():]):
            continue
        subject = _subject(sentence, match.start())
        if subject is None:
            continue
        start, source = subject
        end = match.end() + (audience.end() if audience and verb == "told" else 0)
        tail = re.match(r"\s+in\s+a\s+statement\b", sentence[end:])
        end += tail.end() if tail else 0
        found.append(Hedge(VERBS[verb], sentence[start:end], start, end, _clean_source(source)))
    for match in _INVERTED.finditer(sentence):
        start = match.start("verb")
        end = match.end() - len(match.group(0)) + len(re.sub(r"(?<=[^\W\d_]{2})\.?\s*$", "", match.group(0)))
        found.append(Hedge("attributed", sentence[start:end], start, end, _clean_source(match["source"])))
    findings = [m.span() for m in FINDINGS.finditer(sentence)]
    found = [h for h in found if not any(a < h.end and h.start < b for a, b in findings)]
    # Keep the widest reading of each cue: "prosecutors have alleged" over the bare "alleged".
    return [h for h in found if not any(o is not h and o.start <= h.start and h.end <= o.end and
                                        (o.end - o.start) > (h.end - h.start) for o in found)]


def find_hedges(sentence: str) -> list[Hedge]:
    """Every hedge cue in a sentence, in order."""
    return list(_sorted_cues(sentence))


# The relation, event and method rules each ask about the sentence they read, so the same
# sentence comes a few times in a row. Small on purpose: it serves the rules of one sentence, not
# a document read again. (Hedges are frozen, so the cached ones can be handed out.)
@lru_cache(maxsize=32)
def _sorted_cues(sentence: str) -> tuple[Hedge, ...]:
    return tuple(sorted(set(_candidates(sentence)), key=lambda h: (h.start, -h.end)))


def find_hedge(sentence: str, span: tuple[int, int] | None = None) -> Hedge | None:
    """The hedge on a claim in `sentence`; with the claim's `span`, the cue nearest to it.
    None when the sentence states the fact flat, or only as a court finding."""
    hedges = find_hedges(sentence)
    if not hedges:
        return None
    if span is None:
        return min(hedges, key=lambda h: (PRIORITY.index(h.kind), h.start))

    def distance(h: Hedge) -> int:
        return max(0, h.start - span[1], span[0] - h.end)

    return _governing(sentence, min(hedges, key=lambda h: (distance(h), PRIORITY.index(h.kind), h.start)), hedges)


def _governing(sentence: str, chosen: Hedge, hedges: list[Hedge]) -> Hedge:
    """The cue a reader sees for `chosen`: "they said" restates the speaker named earlier in the
    sentence, and in "the Herald understands investigators believe" the outer cue frames the inner."""
    while True:
        before = [h for h in hedges if h.end <= chosen.start]
        outer = [h for h in before if re.fullmatch(r"\s*(?:that\s+)?", sentence[h.end:chosen.start])]
        named = [h for h in before if h.source and h.source not in PRONOUNS]
        if outer:
            chosen = outer[-1]
        elif chosen.source in PRONOUNS and named:
            return named[-1]
        else:
            return chosen
