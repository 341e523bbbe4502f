"""Validation of the legal-status lexicon (spyglass/extract/lexicon/legal.json).

The file is data: per language, regular expressions that the rule engine searches in one sentence with
re.IGNORECASE | re.UNICODE. These tests check its shape, that every pattern compiles and cannot match the
empty string, and that hand-written sentences (invented people and places) are read as expected.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

LEXICON = Path(__file__).parents[2] / "spyglass/extract/lexicon/legal.json"
FLAGS = re.IGNORECASE | re.UNICODE

LANGUAGES = [
    "de", "fr", "nl", "sv", "no", "da", "es", "pt", "it", "pl", "sk", "cs", "et",
    "lv", "lt", "uk", "ru", "bg", "el", "ja", "zh", "ar", "ka", "fi", "hu", "ro",
]
EVENTS = ["arrested", "charged", "convicted", "sentenced", "acquitted", "charges_dropped", "released", "deceased", "expelled"]
ROLES = ["official", "judge", "lawyer", "journalist", "politician", "witness", "victim"]
COUNTRIES = ["China", "Russia", "Iran", "North Korea", "United States", "Belarus", "Turkey"]
MONTHS = [str(i) for i in range(1, 13)]
NUMBERS = [str(i) for i in range(1, 13)] + ["15", "20"]
LIST_KEYS = [
    "passive_markers", "future_or_conditional", "negation", "reporting_verbs", "spying_for", "intelligence_words",
    "years_unit", "months_unit", "life_sentence", "suspended", "death_sentence", "withheld_name",
]
# Keys that must not be empty in any language (passive_markers may be; withheld_name is zh/ja only).
NON_EMPTY = ["future_or_conditional", "negation", "reporting_verbs", "spying_for", "intelligence_words",
             "years_unit", "months_unit", "life_sentence", "suspended", "death_sentence"]
TERM_KEYS = {"years": "years_unit", "months": "months_unit", "life": "life_sentence", "suspended": "suspended"}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return json.loads(LEXICON.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def matching(patterns: list[str], text: str) -> list[str]:
    return [p for p in patterns if compiled(p).search(text)]


def walk(node, path=()):
    """Yield (path, pattern) for every regex under a language entry."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, path + (key,))
    else:
        assert isinstance(node, list), f"{'/'.join(path)} should be a list of regexes"
        for pattern in node:
            yield path, pattern


# ------------------------------------------------------------------------------------------------ shape


def test_file_has_about_and_every_language():
    data = lexicon()
    assert isinstance(data.get("_about"), str) and data["_about"]
    languages = [key for key in data if not key.startswith("_")]
    assert sorted(languages) == sorted(LANGUAGES)
    assert "en" not in data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_has_every_key(lang):
    entry = lexicon()[lang]
    for key in ["events", "roles", "demonyms", "months", "numbers", *LIST_KEYS]:
        assert key in entry, f"{lang}: missing {key}"
    assert sorted(entry["events"]) == sorted(EVENTS)
    assert sorted(entry["roles"]) == sorted(ROLES)
    # every language knows the usual sponsor states; one may add the state its own reporting
    # names most ("СБУ" in Russian reports), never leave one out
    assert set(COUNTRIES) <= set(entry["demonyms"])
    assert set(entry["demonyms"]) - set(COUNTRIES) <= {"Ukraine"}
    assert sorted(entry["months"], key=int) == MONTHS
    assert sorted(entry["numbers"], key=int) == [str(n) for n in sorted(int(k) for k in NUMBERS)]
    for status in EVENTS:
        assert entry["events"][status], f"{lang}: no patterns for event {status}"
    for role in ROLES:
        assert entry["roles"][role], f"{lang}: no patterns for role {role}"
    for country in COUNTRIES:
        assert entry["demonyms"][country], f"{lang}: no demonyms for {country}"
    for key in NUMBERS:
        assert entry["numbers"][key], f"{lang}: no number words for {key}"
    for key in NON_EMPTY:
        assert entry[key], f"{lang}: {key} is empty"
    if lang in ("zh", "ja"):
        assert all(entry["months"][m] == [] for m in MONTHS)
        assert entry["withheld_name"]
    else:
        assert all(entry["months"][m] for m in MONTHS), f"{lang}: a month has no names"
        assert entry["withheld_name"] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_patterns_compile_and_never_match_empty(lang):
    problems = []
    for path, pattern in walk(lexicon()[lang]):
        where = f"{lang}/{'/'.join(path)}: {pattern!r}"
        if not isinstance(pattern, str) or not pattern:
            problems.append(f"{where}: not a non-empty string")
            continue
        try:
            rx = re.compile(pattern, FLAGS)
        except re.error as exc:
            problems.append(f"{where}: {exc}")
            continue
        if rx.search("") is not None:
            problems.append(f"{where}: matches the empty string")
        if lang in ("zh", "ja") and r"\b" in pattern:
            problems.append(f"{where}: \\b is meaningless in unspaced scripts")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------------ sentences

# (lang, sentence, expected status, term kind or None, country whose demonym must match or None)
CASES = [
    # German
    ("de", "Der 54-jährige Ingenieur Klaus Berger wurde im März in Augsburg festgenommen.", "arrested", None, None),
    ("de", "Die Bundesanwaltschaft hat Anklage gegen den mutmaßlichen Agenten des russischen Geheimdienstes erhoben.", "charged", None, "Russia"),
    ("de", "Das Oberlandesgericht verurteilte den Mann zu sechs Jahren Haft wegen Spionage für China.", "sentenced", "years", "China"),
    ("de", "Eine frühere Mitarbeiterin wurde zu einem Jahr Haft verurteilt, die Strafe wurde zur Bewährung ausgesetzt.", "sentenced", "suspended", None),
    ("de", "Der Angeklagte wurde vom Landgericht freigesprochen.", "acquitted", None, None),
    ("de", "Nach einem Gefangenenaustausch kam der Journalist im August frei.", "released", None, None),
    ("de", "Das Verfahren gegen den Unternehmer wurde im Dezember eingestellt.", "charges_dropped", None, None),
    # French
    ("fr", "Un ingénieur de 45 ans a été interpellé mardi à Brest par la DGSI.", "arrested", None, None),
    ("fr", "Il a été mis en examen pour intelligence avec une puissance étrangère au profit de la Russie.", "charged", None, "Russia"),
    ("fr", "La cour d'assises l'a condamné à huit ans de réclusion criminelle pour espionnage au profit de la Chine.", "sentenced", "years", "China"),
    ("fr", "Son ancienne collègue a été condamnée à deux ans de prison avec sursis.", "sentenced", "suspended", None),
    ("fr", "Le tribunal a prononcé la relaxe du fonctionnaire.", "acquitted", None, None),
    ("fr", "L'enquête a été classée sans suite en juin.", "charges_dropped", None, None),
    ("fr", "Le diplomate a été expulsé et déclaré persona non grata.", "expelled", None, None),
    # Dutch
    ("nl", "De 38-jarige man werd vorige week in Rotterdam gearresteerd.", "arrested", None, None),
    ("nl", "Het Openbaar Ministerie heeft de voormalige ambtenaar aangeklaagd voor spionage voor Rusland.", "charged", None, "Russia"),
    ("nl", "De rechtbank veroordeelde hem tot een gevangenisstraf van vier jaar.", "sentenced", "years", None),
    ("nl", "De vrouw kreeg een voorwaardelijke celstraf van zes maanden.", "sentenced", "suspended", None),
    ("nl", "Hij werd in hoger beroep vrijgesproken.", "acquitted", None, None),
    ("nl", "De zaak tegen de zakenman werd geseponeerd.", "charges_dropped", None, None),
    # Swedish
    ("sv", "En 60-årig man greps i Göteborg och häktades senare misstänkt för spioneri.", "arrested", None, None),
    ("sv", "Åklagaren har väckt åtal mot mannen för grovt spioneri för Rysslands räkning.", "charged", None, "Russia"),
    ("sv", "Tingsrätten dömde honom till fem års fängelse.", "sentenced", "years", None),
    ("sv", "Hon dömdes till livstids fängelse för spioneri för Iran.", "sentenced", "life", "Iran"),
    ("sv", "Den andra mannen friades helt av hovrätten.", "acquitted", None, None),
    ("sv", "Förundersökningen lades ned i december.", "charges_dropped", None, None),
    # Norwegian (Bokmål and nynorsk)
    ("no", "En mann i 40-årene ble pågrepet i Oslo mistenkt for spionasje.", "arrested", None, None),
    ("no", "Han er siktet for ulovlig etterretning til fordel for Iran.", "charged", None, "Iran"),
    ("no", "Tingretten dømte ham til tre års fengsel.", "sentenced", "years", None),
    ("no", "Den tidligere ambassadeansatte ble frifunnet i lagmannsretten.", "acquitted", None, None),
    ("no", "Saka vart henlagd etter bevisets stilling.", "charges_dropped", None, None),
    ("no", "Forskaren vart lauslaten etter ein fangeutveksling med Russland.", "released", None, "Russia"),
    # Danish
    ("da", "En 35-årig mand blev anholdt i Aarhus i går.", "arrested", None, None),
    ("da", "Anklagemyndigheden har rejst tiltale mod manden for spionage for Kina.", "charged", None, "China"),
    ("da", "Byretten idømte ham otte års fængsel.", "sentenced", "years", None),
    ("da", "Kvinden fik en betinget dom på fire måneder.", "sentenced", "suspended", None),
    ("da", "Han blev frifundet ved landsretten.", "acquitted", None, None),
    ("da", "Sigtelsen blev frafaldet, og han blev løsladt.", "released", None, None),
    # Spanish
    ("es", "La Guardia Civil detuvo el martes en Valencia a un ingeniero de 52 años.", "arrested", None, None),
    ("es", "La Fiscalía acusa al empresario de espiar para China.", "charged", None, "China"),
    ("es", "La Audiencia Nacional lo condenó a seis años de prisión por revelación de secretos.", "sentenced", "years", None),
    ("es", "El tribunal absolvió al diplomático.", "acquitted", None, None),
    ("es", "El juez decretó el sobreseimiento de la causa.", "charges_dropped", None, None),
    ("es", "Fue liberado en un intercambio de prisioneros con Rusia.", "released", None, "Russia"),
    # Portuguese
    ("pt", "A Polícia Judiciária deteve um homem de 41 anos em Lisboa.", "arrested", None, None),
    ("pt", "O Ministério Público acusou o ex-funcionário de espionagem a favor da Rússia.", "charged", None, "Russia"),
    ("pt", "O tribunal condenou-o a sete anos de prisão efetiva.", "sentenced", "years", None),
    ("pt", "A ex-assessora foi condenada a dois anos de prisão com pena suspensa.", "sentenced", "suspended", None),
    ("pt", "O juiz absolveu o militar de todas as acusações.", "acquitted", None, None),
    ("pt", "O caso foi arquivado pelo Ministério Público.", "charges_dropped", None, None),
    # Italian
    ("it", "Un ufficiale di 55 anni è stato arrestato a Roma dai carabinieri del Ros.", "arrested", None, None),
    ("it", "La procura ha chiesto il rinvio a giudizio dell'ingegnere accusato di spionaggio per conto della Russia.", "charged", None, "Russia"),
    ("it", "La corte d'assise lo ha condannato a nove anni di reclusione.", "sentenced", "years", None),
    ("it", "È stato condannato all'ergastolo.", "sentenced", "life", None),
    ("it", "Il tecnico è stato assolto perché il fatto non sussiste.", "acquitted", None, None),
    ("it", "Il manager è stato scarcerato dopo tre mesi.", "released", None, None),
    # Polish
    ("pl", "Funkcjonariusze ABW zatrzymali w Gdańsku 48-letniego obywatela Polski.", "arrested", None, None),
    ("pl", "Prokuratura skierowała akt oskarżenia przeciwko mężczyźnie, który szpiegował na rzecz Rosji.", "charged", None, "Russia"),
    ("pl", "Sąd skazał go na osiem lat więzienia.", "sentenced", "years", None),
    ("pl", "Kobieta została skazana na rok pozbawienia wolności w zawieszeniu.", "sentenced", "suspended", None),
    ("pl", "Sąd apelacyjny uniewinnił oskarżonego.", "acquitted", None, None),
    ("pl", "Śledztwo zostało umorzone.", "charges_dropped", None, None),
    # Slovak
    ("sk", "Polícia zadržala v Bratislave 50-ročného muža podozrivého zo špionáže.", "arrested", None, None),
    ("sk", "Prokurátor podal obžalobu na bývalého dôstojníka, ktorý mal špehovať v prospech Ruska.", "charged", None, "Russia"),
    ("sk", "Špecializovaný trestný súd ho odsúdil na šesť rokov väzenia.", "sentenced", "years", None),
    ("sk", "Dostal podmienečný trest na dva roky.", "sentenced", "suspended", None),
    ("sk", "Súd ho oslobodil spod obžaloby.", "acquitted", None, None),
    ("sk", "Po výmene väzňov bol prepustený na slobodu.", "released", None, None),
    # Czech
    ("cs", "Policie zadržela v Brně muže podezřelého ze špionáže pro Čínu.", "arrested", None, "China"),
    ("cs", "Státní zástupce podal obžalobu na bývalého úředníka.", "charged", None, None),
    ("cs", "Soud ho odsoudil k osmi letům vězení.", "sentenced", "years", None),
    ("cs", "Žena dostala podmíněný trest na dva roky.", "sentenced", "suspended", None),
    ("cs", "Soud ho zprostil obžaloby.", "acquitted", None, None),
    ("cs", "Policie případ odložila.", "charges_dropped", None, None),
    # Estonian
    ("et", "Kaitsepolitsei pidas kinni 47-aastase mehe, keda kahtlustatakse riigireetmises.", "arrested", None, None),
    ("et", "Prokuratuur esitas mehele süüdistuse Venemaa kasuks luuramises.", "charged", None, "Russia"),
    ("et", "Harju maakohus mõistis mehe süüdi ja määras talle kuus aastat vangistust.", "sentenced", "years", None),
    ("et", "Naine mõisteti õigeks.", "acquitted", None, None),
    ("et", "Ta vabastati vangide vahetuse käigus.", "released", None, None),
    # Latvian
    ("lv", "Valsts drošības dienests aizturēja kādu Rīgas iedzīvotāju.", "arrested", None, None),
    ("lv", "Prokuratūra cēla apsūdzību vīrietim par spiegošanu Krievijas labā.", "charged", None, "Russia"),
    ("lv", "Tiesa viņam piesprieda sešus gadus ilgu cietumsodu.", "sentenced", "years", None),
    ("lv", "Tiesa vīrieti attaisnoja.", "acquitted", None, None),
    ("lv", "Viņš tika atbrīvots no apcietinājuma.", "released", None, None),
    # Lithuanian
    ("lt", "Valstybės saugumo departamentas sulaikė Vilniaus gyventoją.", "arrested", None, None),
    ("lt", "Prokurorai pareiškė kaltinimus vyrui, šnipinėjusiam Rusijos naudai.", "charged", None, "Russia"),
    ("lt", "Teismas nuteisė jį aštuonerių metų laisvės atėmimo bausme.", "sentenced", "years", None),
    ("lt", "Teismas moterį išteisino.", "acquitted", None, None),
    ("lt", "Jis buvo paleistas per kalinių mainus.", "released", None, None),
    # Ukrainian
    ("uk", "Співробітники СБУ затримали в Одесі 43-річного чоловіка.", "arrested", None, None),
    ("uk", "Йому повідомили про підозру у державній зраді на користь Росії.", "charged", None, "Russia"),
    ("uk", "Суд засудив агента до 15 років позбавлення волі.", "sentenced", "years", None),
    ("uk", "Зрадника засудили до довічного позбавлення волі.", "sentenced", "life", None),
    ("uk", "Суд виправдав обвинуваченого.", "acquitted", None, None),
    ("uk", "Його звільнили в рамках обміну полоненими.", "released", None, None),
    # Russian
    ("ru", "Сотрудники ФСБ задержали в Москве 35-летнего инженера.", "arrested", None, "Russia"),
    ("ru", "Ему предъявлено обвинение в государственной измене в пользу Китая.", "charged", None, "China"),
    ("ru", "Суд приговорил его к 12 годам колонии строгого режима.", "sentenced", "years", None),
    ("ru", "Мужчина получил четыре года условно.", "sentenced", "suspended", None),
    ("ru", "Суд оправдал учёного.", "acquitted", None, None),
    ("ru", "Журналистку освободили в результате обмена заключёнными.", "released", None, None),
    ("ru", "Бывший сотрудник скончался в СИЗО.", "deceased", None, None),
    # Bulgarian
    ("bg", "Полицията задържа 40-годишен мъж в Пловдив.", "arrested", None, None),
    ("bg", "Прокуратурата повдигна обвинение срещу бивш служител за шпионаж в полза на Русия.", "charged", None, "Russia"),
    ("bg", "Съдът го осъди на десет години лишаване от свобода.", "sentenced", "years", None),
    ("bg", "Съдът оправда обвиняемия.", "acquitted", None, None),
    ("bg", "Тя беше освободена под гаранция.", "released", None, None),
    # Greek
    ("el", "Συνελήφθη στην Αθήνα 50χρονος άνδρας για κατασκοπεία υπέρ της Ρωσίας.", "arrested", None, "Russia"),
    ("el", "ΣΥΝΕΛΗΦΘΗ ΣΤΗΝ ΠΑΤΡΑ ΣΤΕΛΕΧΟΣ ΤΗΣ ΕΤΑΙΡΕΙΑΣ.", "arrested", None, None),
    ("el", "Ο εισαγγελέας άσκησε ποινική δίωξη σε βάρος του αξιωματικού.", "charged", None, None),
    ("el", "Το δικαστήριο τον καταδίκασε σε κάθειρξη δέκα ετών.", "sentenced", "years", None),
    ("el", "Η κατηγορούμενη αθωώθηκε.", "acquitted", None, None),
    ("el", "Αφέθηκε ελεύθερος με περιοριστικούς όρους.", "released", None, None),
    # Japanese
    ("ja", "警視庁は会社員の男を逮捕した。", "arrested", None, None),
    ("ja", "東京地検は元社員をロシアのために情報を渡した罪で起訴した。", "charged", None, "Russia"),
    ("ja", "東京地裁は被告に懲役3年の実刑判決を言い渡した。", "sentenced", "years", None),
    ("ja", "裁判所は懲役2年、執行猶予4年の判決を言い渡した。", "sentenced", "suspended", None),
    ("ja", "高裁は男性に無罪を言い渡した。", "acquitted", None, None),
    ("ja", "元職員は不起訴処分となった。", "charges_dropped", None, None),
    # Chinese (simplified and traditional)
    ("zh", "国家安全机关依法对犯罪嫌疑人王某予以逮捕。", "arrested", None, None),
    ("zh", "檢察官已對該名男子提起公訴。", "charged", None, None),
    ("zh", "检方于七月正式起诉该名工程师。", "charged", None, None),
    ("zh", "法院以间谍罪判处李某有期徒刑十年。", "sentenced", "years", None),
    ("zh", "法院判處被告無期徒刑。", "sentenced", "life", None),
    ("zh", "他被判缓刑两年。", "sentenced", "suspended", None),
    ("zh", "法院宣判该名男子无罪。", "acquitted", None, None),
    ("zh", "他于去年获释回国。", "released", None, None),
    ("zh", "台灣高等法院判決陳某為中國刺探國防機密罪名成立。", "convicted", None, "China"),
    # Arabic
    ("ar", "ألقت السلطات القبض على مهندس يبلغ من العمر 40 عاما بتهمة التجسس لصالح إيران.", "arrested", None, "Iran"),
    ("ar", "وجهت النيابة العامة إليه تهمة التخابر مع جهة أجنبية.", "charged", None, None),
    ("ar", "قضت المحكمة بسجنه عشر سنوات.", "sentenced", "years", None),
    ("ar", "حكمت المحكمة عليه بالسجن المؤبد.", "sentenced", "life", None),
    ("ar", "برأت المحكمة الصحفي من جميع التهم.", "acquitted", None, None),
    ("ar", "أفرجت السلطات عنه في إطار صفقة تبادل للسجناء.", "released", None, None),
    # Georgian
    ("ka", "სახელმწიფო უსაფრთხოების სამსახურმა თბილისში 45 წლის მამაკაცი დააკავა.", "arrested", None, None),
    ("ka", "მას რუსეთის სასარგებლოდ ჯაშუშობისთვის ბრალი წაუყენეს.", "charged", None, "Russia"),
    ("ka", "სასამართლომ მას 12 წლით თავისუფლების აღკვეთა მიუსაჯა.", "sentenced", "years", None),
    ("ka", "სასამართლომ ბრალდებული გაამართლა.", "acquitted", None, None),
    ("ka", "იგი პატიმრების გაცვლის შედეგად გაათავისუფლეს.", "released", None, None),
    # Finnish
    ("fi", "Suojelupoliisi pidätti miehen Helsingissä tiistaina.", "arrested", None, None),
    ("fi", "Syyttäjä nosti syytteen kahta miestä vastaan vakoilusta Venäjän hyväksi.", "charged", None, "Russia"),
    ("fi", "Käräjäoikeus tuomitsi miehen neljäksi vuodeksi vankeuteen.", "sentenced", "years", None),
    ("fi", "Nainen tuomittiin ehdolliseen vankeuteen.", "sentenced", "suspended", None),
    ("fi", "Hovioikeus hylkäsi syytteet.", "acquitted", None, None),
    ("fi", "Mies vapautettiin vankienvaihdossa.", "released", None, None),
    # Hungarian
    ("hu", "A rendőrség őrizetbe vett egy 39 éves férfit Budapesten.", "arrested", None, None),
    ("hu", "Az ügyészség vádat emelt a volt diplomata ellen, aki Oroszország javára kémkedett.", "charged", None, "Russia"),
    ("hu", "A törvényszék hat év fegyházbüntetésre ítélte.", "sentenced", "years", None),
    ("hu", "A nőt felfüggesztett börtönbüntetésre ítélték.", "sentenced", "suspended", None),
    ("hu", "A bíróság felmentette a vádlottat.", "acquitted", None, None),
    ("hu", "Egy fogolycsere keretében szabadult.", "released", None, None),
    # Romanian
    ("ro", "Procurorii DIICOT l-au reținut pe un bărbat de 42 de ani.", "arrested", None, None),
    ("ro", "Fostul ofițer a fost trimis în judecată pentru spionaj în favoarea Rusiei.", "charged", None, "Russia"),
    ("ro", "Instanța l-a condamnat la șapte ani de închisoare.", "sentenced", "years", None),
    ("ro", "Instanta l-a condamnat la sapte ani de inchisoare.", "sentenced", "years", None),
    ("ro", "A primit o pedeapsă de doi ani cu suspendare.", "sentenced", "suspended", None),
    ("ro", "Curtea de Apel l-a achitat.", "acquitted", None, None),
    ("ro", "Dosarul a fost clasat de procurori.", "charges_dropped", None, None),
]

# One ordinary, non-legal sentence per language: no event pattern of any status may match it.
NEUTRAL = {
    "de": "Am Sonntag war das Wetter in Hamburg sonnig, und viele Familien gingen im Park spazieren.",
    "fr": "Le marché de Noël de Lyon attire chaque année des milliers de visiteurs venus goûter le vin chaud.",
    "nl": "In Utrecht werd zaterdag een nieuwe fietsenstalling geopend voor duizenden studenten.",
    "sv": "Midsommar firades i hela landet med sill, jordgubbar och dans kring stången.",
    "no": "Det var mye snø på fjellet i påsken, og mange gikk på ski.",
    "da": "Der var mange cyklister på Dronning Louises Bro i det gode vejr søndag.",
    "es": "El equipo local ganó el partido del domingo con un gol en el último minuto.",
    "pt": "O festival de música de verão atraiu milhares de pessoas à praia de Cascais.",
    "it": "A Napoli la pizza margherita resta il piatto preferito dai turisti in estate.",
    "pl": "W sobotę w Krakowie odbył się koncert muzyki klasycznej na rynku.",
    "sk": "V sobotu sa v Košiciach konal festival ľudovej hudby.",
    "cs": "V neděli se v Praze konal maraton, kterého se zúčastnily tisíce běžců.",
    "et": "Tallinna vanalinnas toimus nädalavahetusel suur jõululaat.",
    "lv": "Rīgā sestdien notika Dziesmu svētku mēģinājums, kurā piedalījās tūkstošiem dziedātāju.",
    "lt": "Vilniuje šeštadienį vyko didelė knygų mugė, kurioje lankėsi tūkstančiai žmonių.",
    "uk": "У неділю в Києві відбувся благодійний забіг, у якому взяли участь тисячі людей.",
    "ru": "В субботу в Казани прошёл фестиваль уличной еды, собравший тысячи гостей.",
    "bg": "В неделя в София се проведе традиционният пролетен базар с домашни сладкиши.",
    "el": "Το Σάββατο χιλιάδες επισκέπτες γέμισαν τις παραλίες της Χαλκιδικής.",
    "ja": "週末の東京は晴れて、多くの家族が公園で花見を楽しんだ。",
    "zh": "今年春节期间，许多家庭到公园赏花、品尝美食。",
    "ar": "زار آلاف السياح المتحف الوطني خلال عطلة نهاية الأسبوع.",
    "ka": "თბილისში შაბათს ღვინის ფესტივალი გაიმართა, რომელსაც ათასობით ადამიანი ესწრებოდა.",
    "fi": "Lauantaina Tampereella järjestettiin suuri jääkiekko-ottelu, jota seurasi tuhansia katsojia.",
    "hu": "Szombaton a Balaton partján ezrek élvezték a napsütést és a friss halat.",
    "ro": "Sâmbătă, mii de turiști au vizitat castelul Bran și au gustat din bucătăria locală.",
}


def case_id(case) -> str:
    lang, sentence, status, _, _ = case
    return f"{lang}-{status}-{sentence[:24]}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_sentence_reads_as_expected(case):
    lang, sentence, status, term, country = case
    entry = lexicon()[lang]
    assert matching(entry["events"][status], sentence), f"{lang}: no {status} pattern matches {sentence!r}"
    if term is not None:
        key = TERM_KEYS[term]
        assert matching(entry[key], sentence), f"{lang}: no {key} pattern matches {sentence!r}"
    if country is not None:
        assert matching(entry["demonyms"][country], sentence), f"{lang}: no {country} demonym in {sentence!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_enough_cases(lang):
    cases = [c for c in CASES if c[0] == lang]
    assert len(cases) >= 3, f"{lang}: only {len(cases)} sentences"
    assert any(c[3] for c in cases), f"{lang}: no sentence checks a term (years/months/life/suspended)"
    assert lang in NEUTRAL


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinary_sentence_matches_no_event(lang):
    sentence = NEUTRAL[lang]
    events = lexicon()[lang]["events"]
    hits = {status: matching(patterns, sentence) for status, patterns in events.items()}
    hits = {status: found for status, found in hits.items() if found}
    assert not hits, f"{lang}: {sentence!r} matched {hits}"


# ------------------------------------------------------------------------------------------------ zh / ja specifics


def test_zh_withheld_name():
    patterns = lexicon()["zh"]["withheld_name"]
    found = [m.group(0) for p in patterns for m in compiled(p).finditer("犯罪嫌疑人王某于2023年被国家安全机关依法逮捕。")]
    assert "王某" in found
    assert matching(patterns, "法院判處被告陳某某有期徒刑八年。")
    # "某国" / "某些" are "some country" / "some", not a withheld name.
    assert not matching(patterns, "他向某国泄露机密。")
    assert not matching(patterns, "某些官员拒绝置评。")


def test_ja_withheld_name_and_prosecution_polarity():
    entry = lexicon()["ja"]
    assert matching(entry["withheld_name"], "被告の李某は起訴された。")
    # 不起訴 (not indicted) is a dropped case, never a charge.
    assert not matching(entry["events"]["charged"], "元職員は不起訴処分となった。")
    # Pleading not guilty is not an acquittal.
    assert not matching(entry["events"]["acquitted"], "被告は初公判で無罪を主張した。")


def test_zh_charge_polarity_and_numbers():
    entry = lexicon()["zh"]
    assert not matching(entry["events"]["charged"], "检方决定对其不起诉。")
    assert matching(entry["events"]["charges_dropped"], "检方决定对其不起诉。")
    assert not matching(entry["events"]["sentenced"], "他被判无罪。")
    assert matching(entry["numbers"]["12"], "判处有期徒刑十二年")
    assert not matching(entry["numbers"]["2"], "判处有期徒刑十二年")
    assert matching(entry["numbers"]["20"], "二十年")
    assert matching(entry["months_unit"], "六個月")
    # Belarus is not Russia.
    assert not matching(entry["demonyms"]["Russia"], "白俄罗斯法院")
    assert matching(entry["demonyms"]["Belarus"], "白俄羅斯法院")


# ------------------------------------------------------------------------------------------------ hedges and units


HEDGES = [
    ("de", "future_or_conditional", "Dem Mann drohen bis zu zehn Jahre Haft."),
    ("fr", "future_or_conditional", "Il encourt jusqu'à quinze ans de prison."),
    ("ru", "future_or_conditional", "Ему грозит до 20 лет лишения свободы."),
    ("pl", "future_or_conditional", "Grozi mu do dziesięciu lat więzienia."),
    ("zh", "future_or_conditional", "他可能面临最高十年的有期徒刑。"),
    ("ja", "future_or_conditional", "起訴される見通しだ。"),
    ("de", "negation", "Er wurde nicht verurteilt."),
    ("fr", "negation", "Il n'a pas été inculpé."),
    ("ru", "negation", "Он не был арестован."),
    ("de", "passive_markers", "Er wurde festgenommen."),
    ("ru", "passive_markers", "Она была задержана."),
    ("de", "reporting_verbs", "Laut Bundesanwaltschaft wurde der Mann festgenommen."),
    ("fr", "reporting_verbs", "Selon le parquet, il a été écroué."),
    ("de", "spying_for", "Er soll im Auftrag des russischen Militärgeheimdienstes gehandelt haben."),
    ("fr", "spying_for", "Il aurait travaillé pour le compte de la Chine."),
    ("ru", "spying_for", "Он передавал сведения в пользу Украины."),
    ("pl", "spying_for", "Szpiegował na rzecz Rosji."),
    ("zh", "spying_for", "他为境外间谍情报机关刺探国家秘密。"),
    ("ja", "spying_for", "ロシアの指示で情報を渡した。"),
    ("de", "intelligence_words", "Der Bundesnachrichtendienst war eingebunden."),
    ("ru", "intelligence_words", "Сотрудники спецслужб провели обыск."),
    ("zh", "intelligence_words", "境外情報機關人員"),
    ("ja", "intelligence_words", "中国の情報機関"),
    ("de", "death_sentence", "Er wurde zum Tode verurteilt."),
    ("zh", "death_sentence", "被判处死刑"),
    ("ru", "death_sentence", "приговорён к смертной казни"),
    ("ru", "months_unit", "шесть месяцев"),
    ("de", "months_unit", "zu acht Monaten Haft"),
    ("ja", "months_unit", "懲役10か月"),
]


@pytest.mark.parametrize("lang,key,sentence", HEDGES, ids=[f"{h[0]}-{h[1]}" for h in HEDGES])
def test_hedge_and_unit_words(lang, key, sentence):
    assert matching(lexicon()[lang][key], sentence), f"{lang}/{key}: nothing matches {sentence!r}"


ROLE_CASES = [
    ("de", "official", "Oberstaatsanwalt Peter Huber sagte, der Mann sei geständig."),
    ("de", "lawyer", "Seine Anwältin Maria Schulz kündigte Revision an."),
    ("de", "journalist", "Foto: Anna Weber"),
    ("de", "judge", "Die Vorsitzende Richterin Eva Lang verlas das Urteil."),
    ("fr", "lawyer", "Son avocate, Me Claire Martin, a fait appel."),
    ("ru", "lawyer", "Адвокат Иван Петров обжаловал решение."),
    ("zh", "judge", "审判长张某宣读判决。"),
    ("ja", "lawyer", "弁護人の田中氏は控訴する方針。"),
]


@pytest.mark.parametrize("lang,role,sentence", ROLE_CASES, ids=[f"{r[0]}-{r[1]}" for r in ROLE_CASES])
def test_role_titles(lang, role, sentence):
    assert matching(lexicon()[lang]["roles"][role], sentence), f"{lang}/{role}: nothing matches {sentence!r}"


MONTH_CASES = [
    ("de", "3", "im März 2023"), ("ru", "1", "15 января"), ("pl", "1", "10 stycznia"), ("cs", "6", "v červnu"),
    ("cs", "7", "v červenci"), ("uk", "1", "20 січня"), ("el", "1", "στις 5 Ιανουαρίου"), ("lt", "5", "gegužės 3 d."),
    ("fi", "4", "huhtikuussa"), ("hu", "3", "márciusban"), ("ro", "12", "în decembrie"), ("ar", "4", "في نيسان"),
    ("ka", "10", "ოქტომბერში"), ("bg", "11", "през ноември"), ("et", "2", "veebruaris"), ("lv", "8", "augustā"),
]


@pytest.mark.parametrize("lang,month,text", MONTH_CASES, ids=[f"{m[0]}-{m[1]}" for m in MONTH_CASES])
def test_month_names(lang, month, text):
    months = lexicon()[lang]["months"]
    assert matching(months[month], text), f"{lang}: month {month} not found in {text!r}"
    others = [m for m in MONTHS if m != month and matching(months[m], text)]
    assert not others, f"{lang}: {text!r} also reads as month(s) {others}"


# ------------------------------------------------------------------------------------------------ near misses

# Ordinary news wording that looks like a legal event but is not one (condemning an attack, being dismissed
# from a post, exchanging information, a ceasefire...). (lang, key path, sentence): nothing under the path
# may match.
NEAR_MISSES = [
    ("de", "events/convicted", "Die Bundesregierung verurteilte den Angriff auf die Botschaft scharf."),
    ("de", "events/released", "Die beiden Dienste haben Informationen ausgetauscht."),
    ("de", "events/sentenced", "Die EU verhängte neue Sanktionen gegen Moskau."),
    ("fr", "events/convicted", "Paris a condamné fermement cette attaque contre son ambassade."),
    ("fr", "events/released", "Les deux services ont échangé des informations."),
    ("fr", "events/released", "Le quotidien Libération a publié l'enquête."),
    ("fr", "events/arrested", "La société est détenue par l'État."),
    ("es", "events/convicted", "El Gobierno ha condenado el ataque contra la embajada."),
    ("es", "intelligence_words", "La inteligencia artificial transforma la economía."),
    ("pt", "events/convicted", "O governo condenou o ataque à embaixada."),
    ("pt", "suspended", "A reunião foi suspensa."),
    ("it", "events/convicted", "Il governo ha condannato l'attacco all'ambasciata."),
    ("it", "events/released", "Il ministro ha rilasciato un'intervista al quotidiano."),
    ("it", "events/arrested", "Il treno si è fermato a Bologna per un guasto."),
    ("it", "events/acquitted", "Ha assolto il suo compito con diligenza."),
    ("nl", "events/convicted", "Het kabinet veroordeelde de aanval op de ambassade."),
    ("nl", "events/sentenced", "De Europese Unie heeft nieuwe sancties opgelegd."),
    ("nl", "demonyms/Russia", "De president van Wit-Rusland sprak in Minsk."),
    ("sv", "events/charges_dropped", "Fabriken lades ned förra året."),
    ("no", "events/released", "Landene utvekslet informasjon."),
    ("pl", "events/released", "Minister został zwolniony z funkcji."),
    ("pl", "suspended", "Strony uzgodniły zawieszenie broni."),
    ("cs", "events/convicted", "Vláda odsoudila útok na velvyslanectví."),
    ("cs", "events/sentenced", "Policie prověřuje podezření z trestného činu vyzvědačství."),
    ("cs", "events/charges_dropped", "Ministr odložil cestu do Bruselu."),
    ("cs", "events/released", "Ředitel byl propuštěn z funkce."),
    ("sk", "events/released", "Zamestnanec bol prepustený z práce."),
    ("ru", "events/convicted", "МИД России осудил действия Лондона."),
    ("ru", "events/released", "Министра освободили от должности."),
    ("ru", "events/released", "Стороны обменялись мнениями о ситуации."),
    ("ru", "events/charged", "Москва обвинила Лондон в провокации."),
    ("uk", "events/released", "Президент звільнив міністра з посади."),
    ("uk", "events/convicted", "Україна засудила ракетний удар по Києву."),
    ("bg", "events/released", "Министърът беше освободен от длъжност."),
    ("bg", "events/convicted", "България осъди атаката срещу посолството."),
    ("el", "events/convicted", "Η κυβέρνηση καταδίκασε την επίθεση στην πρεσβεία."),
    ("el", "events/charged", "Η ομάδα κέρδισε στην κατηγορία των νέων."),
    ("el", "events/released", "Η ελεύθερη αγορά λειτουργεί."),
    ("et", "events/acquitted", "Valitsus pidas otsust õigeks."),
    ("et", "events/released", "Ta vabastati ametist."),
    ("et", "spying_for", "Riigikogu kiitis eelnõu heaks."),
    ("lv", "events/released", "Ministrs tika atbrīvots no amata."),
    ("lt", "events/released", "Bendrovė paleido naują produktą."),
    ("lt", "suspended", "Susitikimas atidėtas kitai savaitei."),
    ("fi", "events/arrested", "Ministeri pidättäytyi kommentoimasta asiaa."),
    ("fi", "events/convicted", "Hallitus tuomitsi iskun jyrkästi."),
    ("fi", "demonyms/Turkey", "Turku on kaunis kaupunki."),
    ("fi", "demonyms/Russia", "Valko-Venäjän presidentti vieraili Minskissä."),
    ("fi", "spying_for", "Kaikki muut lukuun ottamatta yhtä."),
    ("hu", "events/convicted", "A kormány elítélte a támadást."),
    ("hu", "events/acquitted", "A hegymászó felment a csúcsra."),
    ("hu", "suspended", "A kormány felfüggesztette a tárgyalásokat."),
    ("ro", "months/5", "Ea a spus că nu mai are timp."),
    ("ro", "suspended", "Meciul a fost suspendat din cauza ploii."),
    ("ar", "events/convicted", "أدانت وزارة الخارجية الهجوم على السفارة."),
    ("ar", "demonyms/Russia", "رئيس روسيا البيضاء"),
    ("ka", "events/released", "მხარეებმა ინფორმაცია გაცვალეს."),
    ("ja", "events/released", "人民解放軍が演習を行った。"),
    ("ja", "events/arrested", "この決定には法的拘束力がない。"),
    ("ja", "life_sentence", "無期限のストライキが続いている。"),
    ("ja", "demonyms/Russia", "白ロシアの首都ミンスク"),
    ("zh", "negation", "检方决定不起诉。"),
    ("zh", "events/charged", "该案已被移送检察机关审查起诉。"),  # referred for review: not yet charged
]


def lookup(entry: dict, path: str) -> list[str]:
    node = entry
    for part in path.split("/"):
        node = node[part]
    if isinstance(node, dict):
        return [p for patterns in node.values() for p in patterns]
    return node


@pytest.mark.parametrize("lang,path,sentence", NEAR_MISSES, ids=[f"{n[0]}-{n[1]}-{n[2][:20]}" for n in NEAR_MISSES])
def test_near_miss_is_not_read_as_legal(lang, path, sentence):
    hits = matching(lookup(lexicon()[lang], path), sentence)
    assert not hits, f"{lang}/{path}: {sentence!r} matched {hits}"
