"""Copies, truncations and rewrites of one story are one source; independent reports are not."""

from spyglass.model import Document, Segment, content_hash
from spyglass.resolve.syndication import groups, links

STORY = (
    "A customs officer at the port of Antwerp was arrested on Tuesday on suspicion of passing shipping manifests "
    "to an intelligence officer from a foreign embassy, Belgian prosecutors said. The officer, named only as Pieter V., "
    "met his contact at least nine times in Ghent and Brussels between 2021 and 2024 and received about 30,000 euros. "
    "Investigators from the State Security Service followed the pair for eleven months before the arrest. "
    "His lawyer, Anke Maes, said her client would contest the charges when he appears before the council chamber."
)
REWRITE = (
    "A customs functionary at the harbour of Antwerp was detained on Tuesday over suspicions of handing shipping "
    "manifests to an espionage officer from an overseas embassy, Belgian prosecutors stated. The functionary, named "
    "only as Pieter V., encountered his contact no fewer than nine times in Ghent and Brussels from 2021 to 2024 and "
    "obtained around 30,000 euros. Detectives from the State Security Service tracked the duo for eleven months ahead "
    "of the arrest. His attorney, Anke Maes, stated her client would dispute the charges when he shows before the "
    "council chamber."
)
INDEPENDENT = (
    "Belgium's State Security Service has warned ports about approaches by foreign diplomats after the arrest in "
    "Antwerp. Anke Maes, the lawyer for the accused customs officer, told reporters in Brussels that the 30,000 euros "
    "were consulting fees. Prosecutors in Ghent have not said which country's embassy was involved. Pieter V. remains "
    "in custody, and the council chamber will decide next month whether to extend his detention by another month."
)


def doc(text: str, published: str) -> Document:
    return Document(content_hash(text), text, [Segment("body", 0, len(text))], published=published)


def test_copy_truncation_rewrite_group_and_independent_stays_apart() -> None:
    original = doc(STORY, "2025-03-04")
    copy = doc("Wire copy. " + STORY, "2025-03-04")
    truncated = doc(STORY[:260] + "...", "2025-03-05")
    rewrite = doc(REWRITE, "2025-03-06")
    independent = doc(INDEPENDENT, "2025-03-06")
    kinds = {frozenset((l.a, l.b)): l.kind for l in links([original, copy, truncated, rewrite, independent])}
    assert kinds[frozenset((original.doc_id, copy.doc_id))] == "copy"
    assert kinds[frozenset((original.doc_id, truncated.doc_id))] == "copy"
    assert kinds.get(frozenset((original.doc_id, rewrite.doc_id))) == "derived"
    grouped = groups([original, copy, truncated, rewrite, independent])
    assert len({grouped[d.doc_id] for d in (original, copy, truncated, rewrite)}) == 1
    assert grouped[independent.doc_id] == independent.doc_id
