"""Entity mentions from the real spaCy pipeline plus spyglass's rules, on text written for the test."""

from spyglass.extract.entities import extract_mentions
from spyglass.model import Document, Segment, content_hash

TEXT = (
    "The Zhejiang bureau and the Fujian State Security Department both answer to the Ministry of State "
    "Security (MSS), prosecutors said. Operation Fox Hunt was run from Beijing, and APT31 was tied to "
    "the Hubei State Security Department. Anna Kowalczyk, a lawyer, was charged under the Official "
    "Secrets Act."
)
CHROME = "Subscribe to the Daily Example newsletter for more from Anna Kowalczyk."


def mentions() -> dict[str, tuple[str, str | None]]:
    text = TEXT + "\n\n" + CHROME
    doc = Document(content_hash(text), text, [Segment("body", 0, len(TEXT)), Segment("boilerplate", len(TEXT) + 2, len(text))])
    found = list(extract_mentions([doc]))
    for m in found:
        assert text[m.start : m.end] == m.text  # every span points at its own text
    return {m.text: (m.type, m.kb_id) for m in found}


def test_types_and_kb_links() -> None:
    got = mentions()
    assert got["Zhejiang bureau"] == ("agency_unit", "cn-mss-zhejiang")
    assert got["Fujian State Security Department"] == ("agency_unit", "cn-mss-fujian")
    assert got["Ministry of State Security (MSS)"] == ("state_agency", "cn-mss")
    assert got["Operation Fox Hunt"][0] == "operation"
    assert got["APT31"][0] == "threat_group"
    assert got["Hubei State Security Department"] == ("agency_unit", "cn-mss-hubei")
    assert got["Official Secrets Act"][0] == "law"
    assert got["Anna Kowalczyk"][0] == "person"
    assert "Fox Hunt" not in got  # not a person
    assert not any(name.lower().startswith("the ") for name in got)


def test_chrome_is_not_read() -> None:
    assert "Daily Example" not in " ".join(mentions())


def test_parsed_text_is_the_doc_text_read_once() -> None:
    import spacy

    from spyglass.extract.entities import parsed_text

    nlp = spacy.blank("en")
    doc = nlp("Ann Berg  was charged.\nIn May 2023, she ")
    assert parsed_text(doc) == doc.text == "Ann Berg  was charged.\nIn May 2023, she "
    assert doc.user_data["spyglass.text"] == doc.text  # kept: the next read does not rebuild it
    assert parsed_text(nlp("Another text")) == "Another text"  # kept per Doc, never shared


def test_a_place_ending_a_phrase_is_not_part_of_the_name_after_it() -> None:
    text = "After completing his studies in Italy Zeng returned to Wuhan, where he worked for a shipyard."
    doc = Document(content_hash(text), text, [Segment("body", 0, len(text))])
    people = {m.text for m in extract_mentions([doc]) if m.type == "person"}
    assert "Zeng" in people and not any("Italy" in p for p in people)


def test_a_name_the_model_typed_as_a_firm_is_a_person_when_the_report_uses_its_last_word_alone() -> None:
    from spyglass.extract.entities import Mention
    from spyglass.extract.references import name_mentions

    text = ("The court heard the case of Aivar Lepik on Monday. Lepik was charged in May; "
            "Lepik's lawyer spoke. Harbour Systems said Harbour staff were not involved. "
            "The Supreme Court said the Court would rule.")

    def typed(name: str, kind: str = "organization") -> Mention:
        start = text.index(name)
        return Mention("d", start, start + len(name), name, kind, None, "model")

    named = {m.text: m.type for m in name_mentions([typed("Aivar Lepik"), typed("Harbour Systems"),
                                                    typed("Supreme Court")], text)}
    assert named["Aivar Lepik"] == "person"
    assert named["Harbour Systems"] == "organization"  # a firm is shortened to its first word
    assert named["Supreme Court"] == "organization"  # "Court" is an ordinary word
