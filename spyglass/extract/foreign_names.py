"""Names of people and of intelligence services in reports not written in English.

People: a privacy-shortened name ("Klaus L."), a name with a nickname in parentheses, two to four
capitalised words that the page never writes in lower case nor after an article and that name
no country in that language, whose surname recurs; in Chinese and Japanese, a Han name marked as
a defendant or suspect (被告人X, X被告, X容疑者), a family name with a name the page repeats, and
the withheld-name convention (王某, "a man surnamed Wang"). Services: every name the knowledge
base knows, except the services of the report's own state (the investigators, or an employer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spyglass.extract.entities import Mention
from spyglass.extract.word_forms import Lexicon, function_words, lexicon
from spyglass.model import Document

_HAN = "\u3005\u3400-\u9fff"  # with 々, the mark that repeats a character ("佐々木")
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
_GRAMMAR = set("的了是在被和与與及或为為对對于於从從将將也都就而但并並其之这這那")
_HAN_DEFENDANT = re.compile(rf"(?:被告人?|犯罪嫌疑人|嫌疑人|嫌犯)([{_SURNAMES}][{_HAN}]{{1,2}})"
                            rf"|([{_HAN}]{{0,2}}々[{_HAN}]{{1,3}}|[{_HAN}]{{2,4}}|[{_KANA}・]{{3,20}})"
                            rf"(?:被告(?!人?[{_SURNAMES}])|容疑者|受刑者|元社員|元被告)")
_WITHHELD = re.compile(rf"([{_SURNAMES}]某+)")
_HAN_NAME = re.compile(rf"(?=([{_SURNAMES}][{_HAN}]{{2}}))")
# "a man surnamed Zeng", "李姓少校" (a major surnamed Li): the withheld-name convention with a person noun or rank
_SURNAMED = re.compile(rf"([{_SURNAMES}])姓(?=[{_HAN}]{{0,8}}?(?:男子|女子|男|女|人|少校|中校|上校|少將|少将|中將|中将|士官|"
                       r"[軍军]官|士兵|[員员]|工程[師师]|商人|教授|[學学]生|主管|[經经]理))")
# German nouns for people by their endings: "Soldat", "Ingenieur", "Mitarbeiterin", "Journalist", "Politologe"
_PERSON_NOUN = re.compile(r"(?:er|erin|in|eur|at|ist|ent|ant|or|ier|oge|ling|e)$")
# German nouns by their endings, singular or plural ("Informationen", "Ermittlungen"); not endings
# names share ("Lorenz", "Franz", "Dennis")
_GERMAN_NOUN = re.compile(r"(?:(?:ung|heit|keit|schaft|tion|ität)(?:en)?|ismus|tät|amt|gericht|dienst|anwalt|"
                          r"behörde|ministerium|polizei|partei|regierung|kammer|rat|bund|land|staat|stadt|haft|urteil|"
                          r"prozess|verfahren)$", re.I)

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

@lru_cache(maxsize=1)
def _services() -> list[tuple[re.Pattern[str], str, str, str, str, str]]:
    """(pattern, kb id, canonical name, type, country, the words every match contains) for every
    intelligence service and unit name the knowledge base knows: acronyms as written ("GRU",
    "ФСБ"), longer names in any case (their words as `folded` gives them)."""
    from spyglass.kb.builtin import load_entries

    out = []
    for entry in load_entries():
        if entry.type not in ("state_agency", "agency_unit"):
            continue
        for name in entry.names():
            if len(name) < 3 and not re.search(rf"[{_HAN}]", name):
                continue
            if re.search(rf"[{_HAN}{_KANA}]", name):
                pattern, words = re.compile(re.escape(name)), name
            elif name.isupper() or len(name) <= 4:  # "同CIA在": Han characters are word characters too
                pattern = re.compile(rf"(?<![^\W{_HAN}{_KANA}]){re.escape(name)}(?![^\W{_HAN}{_KANA}])")
                words = name
            else:
                pattern, words = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I), folded(name)
            out.append((pattern, entry.id, entry.name, entry.type, entry.country or "", words))
    return out


@lru_cache(maxsize=1)
def _service_stems() -> frozenset[tuple[str, ...]]:
    """Every service name of two or more words as the stems of its words ("agenc bezpie wewnę"): a
    capitalised phrase declined from one ("Agencję Bezpieczeństwa Wewnętrznego") is that service."""
    from spyglass.kb.builtin import load_entries

    out = set()
    for entry in load_entries():
        if entry.type in ("state_agency", "agency_unit", "government_body"):
            for name in entry.names():
                words = name.split()
                if len(words) >= 2 and not re.search(rf"[{_HAN}{_KANA}]", name):
                    out.add(tuple(w.lower()[:5] for w in words))
    return frozenset(out)


def _declined_service(name: str) -> bool:
    return tuple(w.lower()[:5] for w in name.split()) in _service_stems()


@lru_cache(maxsize=1)
def _same_letter() -> dict[int, int]:
    """The letters `re.IGNORECASE` also takes as one once lower-cased ("ſ" and "s", "ı" and "i")."""
    from re import _casefix  # type: ignore[attr-defined]

    table: dict[int, int] = {}
    for low, others in _casefix._EXTRA_CASES.items():
        for code in (low, *others):
            table[code] = min(low, *others)
    return table


def folded(text: str) -> str:
    """`text` in one case: two strings `re.IGNORECASE` takes as equal are equal here (a quick test
    whether a case-insensitive name can occur in a page at all)."""
    return text.replace("\u0130", "i").lower().translate(_same_letter())


@dataclass(frozen=True)
class ServiceMatch:
    start: int
    end: int
    text: str
    kb_id: str
    name: str
    type: str
    country: str


def service_matches(doc: Document) -> list[ServiceMatch]:
    """Every place the page writes a service's name the knowledge base knows (the patterns are many:
    each runs only where the page holds its words)."""
    text, lowered = doc.text, folded(doc.text)
    return [ServiceMatch(m.start(), m.end(), m.group(0), kb_id, name, kind, country)
            for pattern, kb_id, name, kind, country, words in _services()
            if words in (lowered if pattern.flags & re.I else text) for m in pattern.finditer(text)]


def service_mentions(doc: Document, matches: list[ServiceMatch]) -> list[Mention]:
    """The services a report in the body names, except its own state's."""
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    found: list[Mention] = []
    home = HOME_COUNTRIES.get(doc.language or "", ())
    for match in matches:
        if match.country in home:
            continue  # a French report's DGSE is the home service: the investigator or the employer, never the sponsor
        owner = _LOCAL_READINGS.get(doc.language or "", {}).get(match.text)
        if owner is not None and not owner.search(doc.text[max(0, match.start - 6) : match.start]):
            continue  # "警視庁公安部": in Japanese the police's own division, unless China's is said
        a, b = match.start, match.end
        if any(s <= a < e for s, e in body) and not any(m.start < b and a < m.end for m in found):
            found.append(Mention(doc.doc_id, a, b, match.text, match.type, match.kb_id, "kb", match.name))
    return found


# A service's name that means a local body in this language unless its country is written before it:
# Japanese news writes the police's public security division "公安部", and China's ministry "中国公安部".
_LOCAL_READINGS = {"ja": {"公安部": re.compile(r"(?:中国|中華人民共和国)の?\s*$"), "公安局": re.compile(r"(?:中国|中華人民共和国)の?\s*$")}}


def sentence_around(text: str, a: int, b: int) -> str:
    """The sentence (or line) a span stands in, by its full stops and line breaks."""
    lo = max(text.rfind(". ", 0, a), text.rfind("\n", 0, a), text.rfind("。", 0, a), 0)
    ends = [i for i in (text.find(". ", b), text.find("\n", b), text.find("。", b)) if i >= 0]
    return text[lo : min(ends) if ends else len(text)]


# Articles: a capitalised word the page writes after one is a noun ("des Oberlandesgerichts").
_ARTICLES = {
    "de": "der die das des dem den ein eine einer eines einem einen", "nl": "de het een", "fr": "le la les un une du",
    "es": "el la los las un una unos unas", "pt": "o a os as um uma", "it": "il lo la gli le un uno una",
    "sv": "en ett den det", "no": "en et ei den det", "da": "en et den det", "ro": "un o", "el": "ο η το οι τα του της των τον την",
}


def _nouns(text: str, language: str, adjectives: int = 0, least: int = 0) -> set[str]:
    """Capitalised words the page writes after an article (German: also after `least` to `adjectives`
    adjectives, "der frühere Soldat"): nouns, not names."""
    articles = _ARTICLES.get(language)
    if not articles:
        return set()
    # inflected adjectives ("frühere", "45-jährigen"), not prepositions ("beim")
    between = rf"(?:[\d{_LOWER}][\w-]*(?:e|en|er|es|em)\s+){{{least},{adjectives}}}" if adjectives else ""
    pattern = re.compile(rf"\b(?i:{'|'.join(articles.split())})\s+{between}([{_UPPER}][\w’'-]+)")
    return {m.group(1).lower() for m in pattern.finditer(text)}


def people(doc: Document, services: list[ServiceMatch]) -> list[Mention]:
    """People's names in the body (see the module doc), and the surname alone, in any case ending,
    where the report has named that person in full ("Kolker", "Kolkera" after "Dmitri Kolker")."""
    from spyglass.resolve.names import same_word_inflected, stem

    found = list(_named(doc, services))
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    taken = [(m.start, m.end) for m in found]
    full = [m.name for m in found if len(m.name.split()) >= 2 and not m.name.endswith(".") and m.source == "foreign"
            and not re.search(rf"[{_HAN}{_KANA}]", m.name)]
    by_surname: dict[str, set[str]] = {}
    for name in full:
        by_surname.setdefault(stem(name.split()[-1]), set()).add(name)
    for key, names in by_surname.items():
        name = next(iter(names))
        surname = name.split()[-1]
        if len(names) != 1 or len(surname) < 4:
            continue  # a surname two people share stays unresolved
        for match in re.finditer(rf"(?<!\w){re.escape(surname[: max(4, len(surname) - 2)])}\w{{0,4}}(?!\w)", doc.text):
            a, b = match.start(), match.end()
            if not same_word_inflected(match.group(0), surname) or not any(s <= a < e for s, e in body) \
                    or any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            found.append(Mention(doc.doc_id, a, b, match.group(0), "person", None, "reference", name))
    return sorted(found, key=lambda m: m.start)


def _named(doc: Document, services: list[ServiceMatch]) -> Iterator[Mention]:
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    text = doc.text
    lower_words = {w.lower() for w in re.findall(rf"\b[{_LOWER}][\w’'-]+", text)}
    lower_words |= function_words().get(doc.language or "", set()) | _nouns(text, doc.language or "")
    words = function_words().get(doc.language or "", set())
    # "der frühere Soldat Jonas Berg": a person's noun the page writes after an article and an adjective
    titles = {w for w in _nouns(text, doc.language or "", adjectives=2, least=1) if _PERSON_NOUN.search(w)} \
        if doc.language == "de" else set()
    mid_sentence = {m.group(1) for m in re.finditer(rf"[{_LOWER},]\s+({_WORD})", text)}
    lex = lexicon(doc.language or "")
    # a service's name (the report's own state's too: "Agencja Bezpieczeństwa Wewnętrznego") is no person
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in services]

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
            if pattern is _HAN_NAME and set(name) & _NOT_IN_NAMES or "某" in name and pattern is not _WITHHELD:
                continue  # a chance pairing of characters (a marked defendant's name may hold any: 佐藤和彦)
            if pattern is _HAN_DEFENDANT and set(name) & _GRAMMAR:
                continue
            if pattern is _HAN_NAME and name not in recurring:
                continue
            if pattern is _FULL_NAME:
                first = name.split()[0]
                opener = len(name.split()) >= 3 and (_country_word(first, doc.language or "") or lex is not None and any(
                    (m := p.match(first)) is not None and m.end() == len(first) for p in lex.words + lex.roles))
                if first.lower() in words or (first.lower() in titles and len(name.split()) >= 3) or opener:
                    # "Laut Ann Berg", "Enligt Ann Berg": a function word opens the sentence; "der frühere
                    # Soldat Jonas Berg": a noun the page writes after an article is the person's title;
                    # "Obžalovaný Jan Novák": an event's or a role's word opens it; "гражданина Канады
                    # Томаса Беккера": a country's name does
                    a = a + len(first) + (len(name) - len(name[len(first):].lstrip()) - len(first))
                    name = text[a:b]
                elif first.lower() in lower_words:
                    continue  # "Agencja Bezpieczeństwa ...": a phrase of ordinary words, an institution's name
                elif first not in mid_sentence and not _event_follows(text, b, lex):
                    continue  # a sentence's first words are capitalised anyway: a name there must be an event's subject
            if not inside(a) or not free(a, b):
                continue
            if pattern is _FULL_NAME and not _plausible_full_name(name, lower_words, doc.language or "", lex):
                continue
            if pattern is _FULL_NAME and _declined_service(name):
                continue  # "przez Agencję Bezpieczeństwa Wewnętrznego": a service in another case, no person
            if pattern is _FULL_NAME and not _stands_as_a_person(text, a, b, name, lex):
                continue
            place = _IN_A_PLACE.get(doc.language or "")
            if pattern is _FULL_NAME and place is not None and place.search(text[max(0, a - 6) : a]):
                continue  # "в Нижнем Новгороде", "w Zielonej Górze": a name after "in" is a place's
            if pattern is _FULL_NAME and doc.language == "de" and _GERMAN_ARTICLE.search(text[max(0, a - 8) : a]):
                continue  # "beim Maschinenbauer Oberhauser": written German puts no article before a person's name
            if pattern is _SHORT_NAME and (match.group(1).lower() in lower_words or _GERMAN_NOUN.search(match.group(1))
                                           or re.match(rf"\s+[{_UPPER}][{_LOWER}]", text[b : b + 3])):
                continue  # a middle initial ("Ann G. Lee") is not a shortened name
            taken.append((a, b))
            yield Mention(doc.doc_id, a, b, name, "person", None, "foreign", name)


def _recurring_han(text: str) -> set[str]:
    """Three-character Han strings starting with a family name that the page repeats (a person
    it reports on is named again and again; a chance pairing of characters is not)."""
    counts: dict[str, int] = {}
    introduced: set[str] = set()
    subject: set[str] = set()
    for match in _HAN_NAME.finditer(text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        if text[max(0, match.start() - 1) : match.start()] in _TITLE_END:  # "工程师刘志坚": an occupation, then the name
            introduced.add(match.group(1))
        before, after = text[max(0, match.start() - 1) : match.start()], text[match.start() + 3 : match.start() + 4]
        if (not before or before in _CLAUSE_START) and after in _SUBJECT_FOLLOWS:
            subject.add(match.group(1))  # ",陈金平已承认…": a clause that opens on the name and goes on as its subject
    return {name for name, n in counts.items() if n >= 3 or (n >= 2 and name in introduced) or name in subject}


_TITLE_END = set("师師员員生长長者官授士工")
_CLAUSE_START = set("，,。；;：:、\n 」』”")
_SUBJECT_FOLLOWS = set("被已于於在因涉曾将將遭")  # passive, "already", "at", "because of", "suspected of", "once", "will"


def _event_follows(text: str, end: int, lex: Lexicon | None) -> bool:
    after = text[end : end + 50]
    return lex is not None and any(p.match(after.lstrip(" ,"), 0) or p.search(after) for ps in lex.events.values() for p in ps)


_AGE = re.compile(r"^\s*(?:[,(]\s*)?\d{2}\b|^\s*,\s*(?:[^\W\d_]+\s+){0,6}\d{2}\s+[^\W\d_]+")


def _stands_as_a_person(text: str, a: int, b: int, name: str, lex: Lexicon | None) -> bool:
    """Capitalised words are a person's name when the report names them again (the surname, in any
    case ending), gives an age ("Ann Berg, 46,", "(46)"), or names them in a sentence of a legal
    event or beside a title: a report's people are the ones things happen to or who speak."""
    surname = name.split()[-1]
    if len(re.findall(rf"\b{re.escape(surname[:-2] if len(surname) > 4 else surname)}", text)) >= 2:
        return True
    if _AGE.match(text[b : b + 60]):
        return True
    if re.search(r"[^\W\d_],\s*$", text[max(0, a - 3) : a]) and re.match(r"\s*,", text[b : b + 2]):
        return True  # "a Chinese national, Ann Berg, was": a name in apposition to a description
    if lex is None:
        return False
    if any(cue.search(text[max(0, a - 60) : a]) for cue in lex.alias_cues):
        return True  # "con el seudónimo de Ann Berg": the cue says a name follows
    sentence = sentence_around(text, a, b)
    return any(p.search(sentence) for ps in lex.events.values() for p in ps) or any(p.search(sentence) for p in lex.roles)


# "in" and "at" in languages that decline names: what follows in the locative case is a place, not a
# person ("в Нижнем Новгороде", "w Zielonej Górze", "v Českých Budějovicích")
_IN_A_PLACE = {language: re.compile(rf"(?<!\w)(?:{words})\s+$", re.I) for language, words in {
    "ru": "в|во|на", "uk": "в|у|на", "be": "в|у|на", "bg": "в|във|на", "pl": "w|we|na", "cs": "v|ve|na",
    "sk": "v|vo|na", "sl": "v|na", "hr": "u|na", "sr": "u|na", "lt": "", "lv": ""}.items() if words}
_GERMAN_ARTICLE = re.compile(r"(?<!\w)(?:der|die|das|des|dem|den|beim|vom|zum|zur|im|am|ins|eine[mnrs]?|ein)\s+$", re.I)
# Company forms and corporate words, the same in most languages' news: a name holding one is a firm's.
_FIRM = re.compile(r"\b(?:AB|AS|ASA|ApS|GmbH|AG|SE|SA|SpA|Srl|BV|NV|Oy|Oyj|Ltd|Inc|LLC|plc|Group|Systems|Technologies|"
                   r"Technology|Holding|Holdings|Solutions|Industries|Bank|Capital|Media|Energy|Airlines|Motors)\b")


def _country_word(word: str, language: str) -> bool:
    """A country's name (or a word of it) in one of this language's case forms: "Deutschlands",
    "Rosji", "Канады" (of "Канада")."""
    from spyglass.extract.places import local_country_words

    countries = local_country_words(language)
    stem = word.lower()
    if stem in countries or stem.rstrip("s") in countries or stem[:-1] in countries or stem[:-2] in countries:
        return True
    vowels = "aeiouyáéíóúąęаеиоуыэюяіїє"
    return len(stem) > 4 and stem[-1] in vowels and any(
        len(c) > 4 and c[-1] in vowels and c[:-1] == stem[:-1] for c in countries)


def _plausible_full_name(name: str, lower_words: set[str], language: str, lex: Lexicon | None) -> bool:
    from spyglass.extract.places import country_name, region_name

    words = name.split()
    if len(words) < 2 or country_name(name) or region_name(name) or _FIRM.search(name):
        return False
    if re.search(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mag|Ing)\b", name):
        return False
    if lex is not None and (any(p.search(name) for p in lex.roles + lex.words) or any(
            p.search(name) for ps in lex.demonyms.values() for p in ps) or any(p.search(name) for p in lex.intelligence)):
        return False  # a title, a court or ministry, a state or its service
    for word in words:
        if _country_word(word, language):
            return False  # "Deutschlands", "Rosji", "Russa", "Канады": a country in this language's case forms
        if word.lower() in lower_words or country_name(word) or region_name(word):
            return False  # a word the page also writes in lower case is a noun or adjective, not a name
        if language == "de" and _GERMAN_NOUN.search(word):
            return False
    return True
