"""Who released a person: a report that has the state the person spied for releasing them is listed
against the others, and a trade named before a name does not hide what happened to the person.
Texts written for this test."""

from __future__ import annotations

from pathlib import Path

from conftest import ingest_reports


def _ingest(tmp_path: Path, items: list[tuple[str, str | None, str]]) -> tuple[list, list[dict]]:
    return ingest_reports(tmp_path, [{"url": url, "title": "Canje", "language": "es", "published": published, "text": text}
                                     for url, published, text in items])


HEADLINE = ("Canje en Ginebra: el fotógrafo Tomás Arrieta es puesto en libertad por Irán junto a otros dos presos.\n\n"
            "Tomás Arrieta fue detenido en marzo de 2023 en la frontera, acusado de espiar para la inteligencia iraní. "
            "Su familia niega las acusaciones.")
WIRE = ("Tomás Arrieta, acusado de espiar para la inteligencia iraní, fue liberado el jueves en el canje de prisioneros. "
        "Arrieta había sido detenido en marzo de 2023 por la fiscalía del país donde trabajaba. Nunca fue juzgado.")
QUOTE = ("El fotógrafo Tomás Arrieta dijo que la detención de Lucía Ferrer fue un error. "
         "Lucía Ferrer fue detenida el lunes, acusada de espiar para la inteligencia iraní. Su abogado no quiso hacer comentarios.")


def test_a_trade_before_a_name_does_not_hide_the_event_the_person_underwent(tmp_path: Path) -> None:
    claims, _ = _ingest(tmp_path, [("https://a.example/1", "2024-08-02", HEADLINE)])
    assert ("Tomás Arrieta", "released", "Iran") in {(c.subject, c.predicate, c.object) for c in claims}


def test_a_named_trade_still_marks_a_speaker(tmp_path: Path) -> None:
    claims, _ = _ingest(tmp_path, [("https://a.example/3", "2024-08-02", QUOTE)])
    assert not [c for c in claims if c.subject == "Tomás Arrieta" and c.predicate in ("arrested", "released")]
    assert [c for c in claims if c.subject == "Lucía Ferrer" and c.predicate == "arrested"]


def test_a_report_that_has_the_sponsors_state_release_the_person_is_listed_against_the_others(tmp_path: Path) -> None:
    _, records = _ingest(tmp_path, [("https://a.example/1", "2024-08-02", HEADLINE),
                                    ("https://b.example/2", "2024-08-02", WIRE)])
    record = next(r for r in records if "Tomás Arrieta" in {r["name"], *r["aliases"]})
    released_by = {v["value"]: {s["url"] for s in v["sources"]} for c in record["conflicts"]
                   if c["field"] == "released_by" for v in c["values"]}
    assert released_by == {"Iran": {"https://a.example/1"}, "the state that held the person": {"https://b.example/2"}}


def test_reports_of_a_release_that_name_no_state_raise_no_conflict(tmp_path: Path) -> None:
    _, records = _ingest(tmp_path, [("https://a.example/1", "2024-08-02", HEADLINE.replace(" por Irán", "")),
                                    ("https://b.example/2", "2024-08-02", WIRE)])
    record = next(r for r in records if "Tomás Arrieta" in {r["name"], *r["aliases"]})
    assert not [c for c in record["conflicts"] if c["field"] == "released_by"]
