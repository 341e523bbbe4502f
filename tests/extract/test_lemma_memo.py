"""The remembering lemmatizer writes the lemmas the model's own lemmatizer writes."""

from spacy.lang.en.lemmatizer import EnglishLemmatizer

from spyglass.extract.entities import pipeline
from spyglass.extract.lemma_memo import MemoLemmatizer

TEXT = ("The officers were sentenced; the officer is appealing. She'd been told the ministries' files "
        "weren't copied, but the engineer's better drives were. They're meeting the handlers' handler   today.")


def test_same_lemmas_as_the_model_lemmatizer() -> None:
    nlp = pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, MemoLemmatizer)
    ours = [t.lemma_ for t in nlp(TEXT)]
    assert lemmatizer.memo  # it remembered what it worked out
    again = [t.lemma_ for t in nlp(TEXT)]  # now from memory
    lemmatizer.__class__ = EnglishLemmatizer
    try:
        theirs = [t.lemma_ for t in nlp(TEXT)]
    finally:
        lemmatizer.__class__ = MemoLemmatizer
    assert ours == again == theirs
    assert {"officer", "sentence", "be", "ministry", "handler", "meet"} <= set(ours)
