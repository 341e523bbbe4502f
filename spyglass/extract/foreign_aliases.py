"""Other names of a person in reports not written in English.

"González, que tenía otro pasaporte con el nombre de Pavel R.", "Ivanov, известный как Smith", "Anna K.
alias Maria L.": the name right after an alias cue of the report's language (`alias_cues` in the
lexicon) is another name of the person the sentence names before the cue, in no role. A sentence that
names no one before its cue ("Lo acusan de operar bajo el alias de X", "Pri cestách používal falošné
meno X": the subject is only implied) gives the name to the one person its paragraph has named before
it, in no role (or, when the paragraph names no one before it, to the one person the report has named
before it), when the sentence names no one else.
"""

from __future__ import annotations

from typing import Callable

from spyglass.extract.entities import Mention
from spyglass.extract.word_forms import Lexicon
from spyglass.model import Claim, Document

CUE_REACH = 60  # characters before a name where its cue may start


def alias_claims(doc: Document, lex: Lexicon, start: int, text: str, here: list[Mention],
                 titled: Callable[[Mention], bool], extractor: str, version: str,
                 paragraph: list[Mention] = []) -> list[Claim]:
    """`paragraph`: the mentions of the sentence's paragraph before the sentence, or of the whole
    report before it when the paragraph names no one."""
    out: list[Claim] = []
    people = [m for m in here if m.type == "person"]
    earlier = {m.name for m in paragraph if m.type == "person" and not titled(m)}
    for alias in people:
        before = doc.text[max(start, alias.start - CUE_REACH) : alias.start]
        cue = next((found for p in lex.alias_cues if (found := p.search(before)) is not None), None)
        if cue is None:
            continue
        cue_at = alias.start - len(before) + cue.start()
        owners = [m.name for m in people if m.end <= cue_at and m.name != alias.name and not titled(m)]
        sure = 0.7
        if not owners and not any(m.name != alias.name for m in people) and len(earlier - {alias.name}) == 1:
            owners, sure = sorted(earlier - {alias.name}), 0.6  # the implied subject: the paragraph's one person
        if not owners or titled(alias):
            continue
        out.append(Claim(subject=owners[-1], subject_type="person", predicate="alias_of", object=alias.name,
                         object_type="person", doc_id=doc.doc_id, start=start, end=start + len(text),
                         extractor=extractor, extractor_version=version, confidence=sure))
    return out
