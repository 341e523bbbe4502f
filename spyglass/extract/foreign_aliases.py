"""Other names of a person in reports not written in English.

"González, que tenía otro pasaporte con el nombre de Pavel R.", "Ivanov, известный как Smith", "Anna K.
alias Maria L.": the name right after an alias cue of the report's language (`alias_cues` in the
lexicon) is another name of the person the sentence names before the cue, in no role. Only names the
sentence holds are read, so the claim is as sure as a name written beside its cue.
"""

from __future__ import annotations

from typing import Callable

from spyglass.extract.entities import Mention
from spyglass.extract.word_forms import Lexicon
from spyglass.model import Claim, Document

CUE_REACH = 60  # characters before a name where its cue may start


def alias_claims(doc: Document, lex: Lexicon, start: int, text: str, here: list[Mention],
                 titled: Callable[[Mention], bool], extractor: str, version: str) -> list[Claim]:
    out: list[Claim] = []
    people = [m for m in here if m.type == "person"]
    for alias in people:
        before = doc.text[max(start, alias.start - CUE_REACH) : alias.start]
        cue = next((found for p in lex.alias_cues if (found := p.search(before)) is not None), None)
        if cue is None:
            continue
        cue_at = alias.start - len(before) + cue.start()
        owners = [m for m in people if m.end <= cue_at and m.name != alias.name and not titled(m)]
        if not owners or titled(alias):
            continue
        owner = owners[-1]
        out.append(Claim(subject=owner.name, subject_type="person", predicate="alias_of", object=alias.name,
                         object_type="person", doc_id=doc.doc_id, start=start, end=start + len(text),
                         extractor=extractor, extractor_version=version, confidence=0.7))
    return out
