"""A court, judge or the police acting on the person ("Le tribunal a condamné Pierre Durand"): the name
after the verb is the defendant, not a title's holder. Reports written for this test (invented people)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ingest_reports

from spyglass.ingest.run import ingest
from spyglass.run.local import extract_pending
from spyglass.store import Store
from spyglass.store.extracted import claim_records

REPORTS = [
    ("fr", "Pierre Durand", "Le tribunal a condamné mardi Pierre Durand à quatre ans de prison pour espionnage au profit de "
     "la Russie. Le parquet avait requis six ans contre le prévenu, a indiqué un porte-parole du tribunal à Paris. Durand "
     "travaillait comme technicien dans une base navale et a remis des documents à un agent russe. Son avocat a annoncé "
     "qu'il ferait appel."),
    ("es", "Pedro Gómez", "El tribunal condenó el martes a Pedro Gómez a cuatro años de prisión por espionaje a favor de "
     "Rusia. La fiscalía había pedido seis años de cárcel para el acusado, dijo un portavoz del tribunal en Madrid. Gómez "
     "trabajaba como técnico en una base naval y entregó documentos a un agente ruso. Su abogado anunció que recurrirá la "
     "sentencia."),
    ("nl", "Jan Vermeulen", "De rechtbank veroordeelde dinsdag Jan Vermeulen tot vier jaar cel wegens spionage voor Rusland. "
     "Het OM had zes jaar geëist, zei een woordvoerder in Den Haag. Vermeulen werkte als technicus op een marinebasis en gaf "
     "documenten aan een Russische agent. Zijn advocaat kondigde hoger beroep aan."),
    ("sv", "Erik Lindqvist", "Tingsrätten dömde på tisdagen Erik Lindqvist till fyra års fängelse för spioneri för Rysslands "
     "räkning. Åklagaren hade yrkat sex år, sade en talesperson i Stockholm. Lindqvist arbetade som tekniker på en marinbas "
     "och lämnade dokument till en rysk agent. Hans advokat meddelade att domen överklagas."),
    ("de", "Markus Feldmann", "Das Gericht verurteilte Markus Feldmann am Dienstag wegen Spionage für Russland zu vier Jahren "
     "Haft. Die Anklage hatte sechs Jahre gefordert, teilte ein Sprecher in München mit. Feldmann arbeitete als Techniker "
     "auf einem Marinestützpunkt und gab Dokumente an einen russischen Agenten weiter. Sein Anwalt kündigte Revision an."),
]


def _claims(tmp_path: Path, language: str, text: str, published: str | None = "2024-05-08") -> list:
    """The claims of one report, ingested and extracted as a scraper's feed would give it."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/1", "title": "Report", "language": language, "text": text,
                                **({"published": published} if published else {})}, ensure_ascii=False) + "\n", "utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return claim_records(store)


@pytest.mark.parametrize("language, name, text", REPORTS)
def test_the_person_a_court_sentenced_is_the_defendant(tmp_path: Path, language: str, name: str, text: str) -> None:
    sentenced = [c for c in _claims(tmp_path, language, text) if c.predicate == "sentenced" and c.subject == name]
    assert sentenced and sentenced[0].value == "48" and str(sentenced[0].date) == "2024-05-07"


def test_a_given_name_in_a_country_name_does_not_bar_a_person() -> None:
    """"San Pedro y Miquelón", "Costa Rica": their saint's name and first word are names people bear."""
    from spyglass.extract.places import local_country_words

    spanish = local_country_words("es")
    assert "pedro" not in spanish and "costa" not in spanish
    assert "föderation" in local_country_words("de")  # the long word of a long name still counts


def test_a_german_title_after_an_article_and_an_adjective_is_no_part_of_the_name(tmp_path: Path) -> None:
    text = ("Der frühere Soldat Jonas Brenner ist am 3. Februar zu sieben Jahren Haft verurteilt worden. Im November "
            "war Jonas Brenner der Spionage für den iranischen Geheimdienst schuldig gesprochen worden. Der andere "
            "beim Maschinenbauer Oberhauser Antriebe blieb frei.")
    subjects = {c.subject for c in _claims(tmp_path, "de", text, published=None)}
    assert "Jonas Brenner" in subjects and "Soldat Jonas Brenner" not in subjects
    assert not any("Oberhauser" in s for s in subjects)


@pytest.mark.parametrize("language, name, text, sponsor", [
    ("zh", "林志明", "检察官办公室说，被告林志明不仅充当了中国政府的非法代理人，还销毁了证据。林志明将于下月出庭。"
     "林志明的律师拒绝置评。", "China"),
    ("da", "Lars Holm", "Politiet anholdt mandag ingeniøren Lars Holm i Aarhus. Lars Holm var ifølge anklagen på "
     "mission for den russiske efterretningstjeneste, da han fotograferede havnen. Han nægter sig skyldig, oplyser "
     "hans forsvarer. Sagen fortsætter i byretten i næste måned.", "Russian intelligence"),
])
def test_whom_a_person_acted_for_in_other_languages(tmp_path: Path, language: str, name: str, text: str,
                                                     sponsor: str) -> None:
    sponsors = {c.object for c in _claims(tmp_path, language, text) if c.predicate == "agent_of" and c.subject == name}
    assert sponsor in sponsors


@pytest.mark.parametrize("language, text", [
    ("es", "La policía informó el lunes. Andrés Olabarria y Marta Ibarrola fueron detenidos en Bilbao, acusados de "
           "espiar para el GRU. Su familia niega las acusaciones. La fiscalía no quiso hacer comentarios sobre el caso."),
    ("de", "Ein Gericht in Kiel tagte am Montag. Jonas Reiter und Lena Vogt wurden in Kiel festgenommen. Sie "
           "sollen für den russischen Geheimdienst spioniert haben. Ihr Anwalt äußerte sich zunächst nicht dazu."),
])
def test_names_joined_by_and_are_one_subject(tmp_path: Path, language: str, text: str) -> None:
    claims = _claims(tmp_path, language, text)
    arrested = {c.subject for c in claims if c.predicate == "arrested"}
    assert len(arrested) == 2, arrested


def test_a_list_joined_by_commas_alone_is_no_subject(tmp_path: Path) -> None:
    text = ("La policía informó el lunes. Según Andrés Olabarria, Marta Ibarrola fue detenida en Bilbao, acusada de "
            "espiar para el GRU. Su familia niega las acusaciones. La fiscalía no quiso hacer comentarios sobre el caso.")
    arrested = {c.subject for c in _claims(tmp_path, "es", text) if c.predicate == "arrested"}
    assert arrested == {"Marta Ibarrola"}


@pytest.mark.parametrize("language, text, name", [
    ("nl", "De rechtbank in Utrecht heeft dinsdag een 51-jarige oud-medewerker van een scheepswerf veroordeeld tot vier "
           "jaar cel voor het doorspelen van tekeningen aan de Russische inlichtingendienst. Het OM had vijf jaar geëist."
           "\n\nDe man, Pavel R., werkte tussen 2019 en 2022 bij de werf. Hij werd in mei 2023 aangehouden.\n\nZijn "
           "advocaat liet weten in hoger beroep te gaan.", "Pavel R."),
    ("de", "Ein ehemaliger Zeitsoldat ist am Mittwoch in Trier festgenommen worden. Der Mann soll Informationen über "
           "Funkgeräte an einen russischen Geheimdienst weitergegeben haben.\n\nDer Beschuldigte, Uwe D., war bis 2022 bei "
           "einem Fernmeldebataillon tätig. Sein Anwalt wollte sich nicht äußern.", "Uwe D."),
])
def test_a_described_defendant_named_in_apposition_is_the_reports_person(tmp_path: Path, language: str, text: str,
                                                                        name: str) -> None:
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/d", "title": "Spionage", "language": language,
                                            "published": "2024-05-10", "text": text}])
    assert [(r["name"], (r["sponsor"] or {}).get("name")) for r in records] == [(name, "Russian intelligence")]


def test_after_the_arrest_is_a_time_and_according_to_the_prosecution_a_source(tmp_path: Path) -> None:
    text = ("Il tribunale militare di Napoli ha condannato a sette anni il tenente di vascello Marco Ferri, arrestato nel "
            "maggio 2022 mentre consegnava documenti riservati a un funzionario straniero.\n\nIl diplomatico, Ivan Sorin, "
            "era stato espulso dall'Italia pochi giorni dopo l'arresto. Secondo l'accusa, Ferri aveva venduto "
            "informazioni sulla NATO ai servizi segreti russi.\n\nIl difensore di Ferri ha annunciato ricorso in appello.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/it", "title": "Spionaggio", "language": "it",
                                            "published": "2024-03-22", "text": text}])
    assert [(r["name"], (r["sponsor"] or {}).get("name")) for r in records] == [("Marco Ferri", "Russian intelligence")]
