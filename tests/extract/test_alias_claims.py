"""Other names of a person, read from one sentence: whose name it is decides where it goes."""

from __future__ import annotations

from spyglass.extract.run import extract
from spyglass.ingest.build import build_document
from spyglass.ingest.sources import RawInput

FILLER = "\n\nThe ministry declined to comment on the matter when asked by reporters about the details of the case."


def _aliases(text: str) -> set[tuple[str, str]]:
    doc = build_document(RawInput("t.txt", "Case\n\n" + text + FILLER, "txt", {"published": "2025-03-14"}))
    return {(c.subject, c.object or "") for e in extract([doc]) for c in e.claims if c.predicate == "alias_of"}


def test_a_person_described_by_a_noun_keeps_the_name_given_after_it() -> None:
    found = _aliases('Prosecutors charged Tan Bo, a Chinese national known as "Danny Tan", with spying for China.')
    assert ("Tan Bo", "Danny Tan") in found


def test_a_campaign_known_by_a_name_gives_no_one_that_name() -> None:
    found = _aliases('Prosecutors said Tan Bo, 57, pressured a resident to return home, an example of a campaign by '
                     'the police known as "Operation Quiet Net." Tan Bo was charged with stalking.')
    assert not any("Quiet Net" in alias for _, alias in found)


def test_a_name_given_after_a_surname_goes_to_the_one_person_of_that_surname() -> None:
    found = _aliases('Police arrested Wei Lanfang and Tan Bohai on Monday. Tan, most commonly known as "Benny Tan," '
                     'has pleaded not guilty. Known online as "bluefin77," Wei ran a chat group. '
                     'Lee, known as "Kim Lee", was not charged.')
    assert ("Tan Bohai", "Benny Tan") in found and ("Wei Lanfang", "bluefin77") in found
    assert not any(alias == "Kim Lee" for _, alias in found)  # no Lee is named: the name goes to no one


def test_a_service_is_known_by_its_acronym_and_a_sentence_opening_on_a_name_is_the_persons() -> None:
    found = _aliases("Prosecutors said the service concerned was Iran's Ministry of Intelligence and Security, known as "
                     "MOIS. The Ministry of State Security recruited Lu Wen in 2019. Known to friends and clients as "
                     "Jason Lu, he was born in Jiangsu and moved to Britain as a student.")
    assert ("Lu Wen", "Jason Lu") in found
    assert not any(alias == "Jason Lu" and subject != "Lu Wen" for subject, alias in found)
    assert any(alias == "MOIS" and "Intelligence" in subject for subject, alias in found)


def test_a_list_of_quoted_monikers_names_one_group() -> None:
    """'operating under the monikers "A," "B," and "C."': the commas inside the quotes still list the names."""
    found = _aliases("Kim Chol and his associates allegedly worked for a military intelligence agency, operating under "
                     "the monikers “Silver Heron,” “Basalt Rain,” and “APT99.” They attacked hospitals.")
    names = {n for pair in found for n in pair}
    assert {"Silver Heron", "Basalt Rain", "APT99"} <= names
    assert not any("Kim Chol" in pair for pair in found)


def _foreign_aliases(text: str, language: str) -> set[tuple[str, str]]:
    doc = build_document(RawInput("t.txt", "Případ\n\n" + text, "txt", {"published": "2025-03-14", "language": language}))
    return {(c.subject, c.object or "") for e in extract([doc]) for c in e.claims if c.predicate == "alias_of"}


def test_a_sentence_with_an_implied_subject_gives_the_name_to_its_paragraphs_one_person() -> None:
    found = _foreign_aliases(
        "El fotógrafo Andrés Olabarria fue detenido en marzo de 2023 en la frontera, acusado de espiar para el GRU. "
        "Lo acusan de actuar con el seudónimo de Viktor Semin, su nombre de nacimiento. Su familia lo niega.\n\n"
        "La fiscalía no quiso hacer comentarios sobre el caso ni sobre la fecha del juicio.", "es")
    assert ("Andrés Olabarria", "Viktor Semin") in found


def test_an_implied_subject_names_no_one_when_the_paragraph_names_two() -> None:
    found = _foreign_aliases(
        "La policía informó el lunes. Andrés Olabarria y Marta Ibarrola fueron detenidos en marzo de 2023, acusados de "
        "espiar para el GRU. "
        "Lo acusan de actuar con el seudónimo de Viktor Semin. Su familia lo niega.\n\n"
        "La fiscalía no quiso hacer comentarios sobre el caso ni sobre la fecha del juicio.", "es")
    assert not any(alias == "Viktor Semin" for _, alias in found)


def test_a_false_name_in_slovak_and_a_charge_word_opening_the_sentence() -> None:
    found = _foreign_aliases(
        "Prokuratúra v piatok podala obžalobu.\n\nObžalovaný Marek Halas pôsobil v Poľsku ako agent ruskej vojenskej rozviedky GRU.\n\n"
        "Halasa zadržali na hraniciach vo februári 2022. Pri cestách používal falošné rakúske meno Dieter Brandl "
        "a vystupoval ako fotograf.\n\nProkuratúra uviedla, že ho budú súdiť v neprítomnosti.", "sk")
    assert ("Marek Halas", "Dieter Brandl") in found


def test_a_surname_alone_in_a_case_ending_is_the_person_named_in_full() -> None:
    doc = build_document(RawInput("t.txt", "Prípad\n\nProkuratúra v piatok podala obžalobu.\n\nObžalovaný Marek Halas "
                                  "pôsobil v Poľsku ako agent ruskej vojenskej rozviedky GRU.\n\nHalasa zadržali na "
                                  "hraniciach vo februári 2022.\n\nProkuratúra uviedla, že ho budú súdiť v neprítomnosti, a jeho obhajca "
                                  "odmietol prípad komentovať.", "txt", {"published": "2025-03-14", "language": "sk"}))
    found = {(m.text, m.name) for e in extract([doc]) for m in e.mentions}
    assert ("Halasa", "Marek Halas") in found
