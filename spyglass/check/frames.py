"""Request frames: a request that the recipient hand over protected material, read from the sentence's structure.

One strong sign is enough for resemblance when it is a request of this shape: a request (a question,
'could you', 'would you mind', 'please', an imperative, 'we'd love'), a transfer verb whose doer is the
recipient (send, share, bring, show, photograph, copy, upload, walk through), and an object that is
protected. What is protected comes from signs.json, in three kinds a rule picks from:

- `nonpublic`: a noun that a word of a strict class modifies ('the internal ticketing system', 'the
  unpublished measurements') or that a clause says was not published or was held back ('the stuff that
  hasn't been announced yet', 'the figures your team held back from the journal'), and an adverb of that
  class on a verb about the recipient's organisation ('how your operator prepares its bids internally');
- `things`: an artefact an employer keeps ('the prototype', 'source code', 'the firmware', 'the dataset'),
  or a device that a word of work marks as the employer's ('your work laptop');
- `images`: a picture or video of the recipient's workplace ('a pic of your bench at the lab').

Never when the verb is negated ('please don't bring the prototype'), when the sender owns the object ('our
unpublished draft', 'my prototype'), or when the object's own phrase calls it public ('the published data').
"""

from __future__ import annotations

from typing import Any, Iterator

_SENDER = {"our", "my", "ours", "mine"}
_IMAGE_VERBS = {"photograph", "film", "snap", "record", "screenshot", "video"}
_EVENTS = {"workshop", "roundtable", "meeting", "event", "session", "seminar", "dinner", "conference", "forum",
           "briefing", "panel", "lunch", "retreat", "salon", "discussion", "call", "group"}
_KEEP_VERBS = {"leave", "keep"}
_MAKE_VERBS = {"create", "set up", "make", "issue", "open", "generate", "provision"}
_WANTING = {"want", "love", "like", "need", "appreciate", "value", "prefer"}


def handover(sent: Any, rule: dict[str, Any], is_request: Any, negated: Any, in_negated: Any,
             owned: Any) -> Iterator[tuple[int, int]]:
    """Spans where the recipient is asked to hand over protected material (see the module's doc)."""
    if not is_request(sent):
        return
    kinds = set(rule["match"])
    verbs = _singles(rule["verbs"])
    early = _before_release(sent, rule) if "nonpublic" in kinds else set()
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not _verb_names(verb) & (verbs | _IMAGE_VERBS | _WANTING) or negated(verb):
            continue
        if not _recipient_acts(verb):
            continue
        if _lemma(verb) in _KEEP_VERBS and not any(t.lower_ in ("me", "us") for t in verb.subtree):
            continue  # "leave the work laptop at home" keeps it back; only "leave it with me" hands it over
        # Any word, not only nouns: the small model tags a noun after a compound as a verb now and then
        # ('the prototype sensor modules', 'the stability dataset').
        # The next words too, where a misparse hangs the object elsewhere ('send me the source code your ...').
        reach = {*verb.subtree, *sent.doc[verb.i + 1: min(verb.i + 6, sent.end)]}
        below = sorted((t for t in reach if t.i > verb.i and t.pos_ not in ("ADP", "DET", "PUNCT", "AUX", "PART")),
                       key=lambda t: t.i)
        if to_insiders(verb, rule["insiders"]):
            continue  # "share the internal dashboard with the new hire on your team" stays inside
        for noun in below:
            if _sender_owns(noun) or _called_public(noun, rule["public"]) or in_negated(noun) and noun.head is not verb:
                continue
            if _lemma(noun) in _EVENTS and noun.head.lower_ in ("at", "to", "in", "for", "during", "into", "on"):
                continue  # "present at a closed workshop" names where to speak, not what to hand over
            if _protected(noun, verb, kinds, rule, owned) or _lemma(noun) in early:
                a, b = sorted((verb.i, noun.i))
                yield sent.doc[a].idx, sent.doc[b].idx + len(sent.doc[b])
                break
    if "nonpublic" in kinds:
        yield from _done_inside(sent, rule, owned)


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _verb_names(verb: Any) -> set[str]:
    """The verb's lemma, and with its particle or first preposition: 'walk us through' is 'walk through'."""
    names = {_lemma(verb)}
    names |= {f"{_lemma(verb)} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep") and c.i > verb.i}
    return names


_BEFORE = {"before", "until", "till", "ahead", "prior"}


def _before_release(sent: Any, rule: dict[str, Any]) -> set[str]:
    """'before it is published', 'ahead of the announcement': the request is for something not yet public.

    The answer is the words an object must be to count then (material, or a look at it): 'a peek at the
    report before it goes out', never 'your slides before the conference'."""
    published = _singles(rule["published"]) | {"publication", "release", "announcement", "launch", "publish"}
    for tok in sent:
        if tok.lower_ not in _BEFORE:
            continue
        after = list(sent.doc[tok.i + 1: min(tok.i + 6, sent.end)])
        if any(_lemma(t) in published or t.lower_ in ("public", "out") for t in after) and not any(
                t.lower_ in ("not", "n't", "never") for t in after):
            return _singles(rule["material"]) | _singles(rule["images"])
    return set()

def _singles(words: tuple[tuple[str, ...], ...]) -> set[str]:
    return {" ".join(w) for w in words}


def _recipient_acts(verb: Any) -> bool:
    """'could you send', 'send me', 'would you mind sharing', 'have him bring', 'we'd love you to show'.

    A verb of wanting whose subject is the sender's side ('our listeners love the unannounced stuff', 'the
    client wants the internal figures') asks the recipient too: who else would hand it over.
    """
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if _lemma(verb) in _WANTING:
        return bool(subjects) and not any(c.lower_ == "you" for c in subjects)
    if any(c.lower_ in ("you", "he", "him", "she", "her", "they", "it") for c in subjects):
        return True
    if any(c.lower_ in ("i", "we") for c in subjects):
        return False  # "we will bring", "I can send you"
    head = verb
    for _ in range(3):  # up through "would you mind sharing", "is it possible to send", "have him bring"
        if head.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "dobj") or head.head is head:
            break
        head = head.head
        if any(c.lower_ in ("you", "it", "him", "her") for c in head.children if c.dep_ in ("nsubj", "dobj", "expl")):
            return True
        if any(c.lower_ in ("i", "we") for c in head.children if c.dep_.startswith("nsubj")) \
                and not any(c.lower_ == "you" for c in head.children):
            return _lemma(head) in ("like", "love", "want", "need", "hope", "appreciate", "wonder")
    return verb.tag_ == "VB" and not subjects


def _sender_owns(noun: Any) -> bool:
    return any(c.lower_ in _SENDER for c in noun.children if c.dep_ == "poss")


def _called_public(noun: Any, public: tuple[tuple[str, ...], ...]) -> bool:
    """'the published data', 'the datasheet and CAD model you show on your website': public by its own phrase,
    a clause on it, or a thing listed with it."""
    words = _singles(public)
    top = noun
    while top.dep_ == "compound" and top.head is not top:
        top = top.head
    phrase = [*top.subtree, *top.conjuncts]
    return any(_lemma(t) in words or t.lower_ in words for t in phrase) and not any(
        t.lower_ in _UNSAID or _lemma(t) in _UNSAID for t in phrase)


# words that turn a phrase's "public" around: "not yet public", "kept out of the public report", "before release"
_UNSAID = {"not", "n't", "never", "yet", "before", "until", "out", "back", "withhold", "omit", "redact", "leave"}


def _protected(noun: Any, verb: Any, kinds: set[str], rule: dict[str, Any], owned: Any) -> bool:
    if "nonpublic" in kinds and _nonpublic(noun, rule):
        return True
    if "things" in kinds and _thing(noun, rule) and (owned(noun) or _leaves(verb, rule)):
        return True
    if "images" in kinds and _image_of_workplace(noun, verb, rule, owned):
        return True
    return False


def to_insiders(verb: Any, insiders: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the verb hands the thing to someone of the recipient's own institution ('with your team')."""
    words = _singles(insiders)
    reach = [c for c in verb.children if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("to", "with"))]
    return any(_lemma(t) in words for c in reach for t in c.subtree)


def _leaves(verb: Any, rule: dict[str, Any]) -> bool:
    """Whether an artefact would leave its workplace: to the sender ('send me', 'onto my stick', 'with you' on a
    visit) or in a message about a trip or a visit. 'Bring the prototype to the design review' stays in."""
    away = _singles(rule["away"])
    if any(c.lower_ in ("me", "us") for c in verb.children if c.dep_ in ("dative", "dobj")):
        return True
    if any(t.lower_ in ("my", "me", "us") for t in verb.subtree if t.i > verb.i):
        return True
    doc = verb.doc
    return any(_lemma(t) in away or t.i + 1 < len(doc) and f"{_lemma(t)} {doc[t.i + 1].lower_}" in away for t in doc)


def _nonpublic(noun: Any, rule: dict[str, Any]) -> bool:
    strict = _singles(rule["strict"])
    near = [c for c in noun.children if c.dep_ in ("amod", "compound", "advmod", "nmod", "acomp")]
    near += [t for t in noun.doc[max(noun.sent.start, noun.i - 3): noun.i] if t.head is noun or t.head.head is noun]
    if any(_lemma(t) in strict or t.lower_ in strict for t in near):
        return True
    if _employer_practice(noun, rule):
        return True
    withheld = _singles(rule["withheld"])
    published = _singles(rule["published"])
    for clause in noun.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        words = list(clause.subtree)
        if any(_lemma(t) in withheld or " ".join((_lemma(t), t.nbor().lower_)) in withheld
               for t in words if t.i + 1 < len(t.doc)):
            return True
        said_not = any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in clause.children)
        if said_not and (_lemma(clause) in published or any(t.lower_ in ("public", "publicly", "out") for t in words)):
            return True  # "the parts that aren't announced yet", "anything that isn't out yet"
        if any(t.lower_ in _singles(rule["inside_adverbs"]) for t in words):
            return True  # "the draft going round internally"
    return False


def _employer_practice(noun: Any, rule: dict[str, Any]) -> bool:
    """'the steps your plant uses', 'the parameters their team runs': what the recipient's organisation does
    in-house, told by a clause whose doer is that organisation (never 'a project you led': the recipient's own
    record is what interviews ask about) and whose verb is one of using, not of selling or publishing."""
    orgs, uses = _singles(rule["orgs"]), _singles(rule["practice_verbs"])
    for clause in noun.children:
        if clause.dep_ != "relcl" or _lemma(clause) not in uses:
            continue
        doers = [c for c in clause.children if c.dep_.startswith("nsubj")]
        if any(_lemma(d) in orgs and any(w.lower_ in ("your", "their") for w in d.subtree) for d in doers):
            return True
    return False


def _thing(noun: Any, rule: dict[str, Any]) -> bool:
    things = _singles(rule["things"])
    name = " ".join(_lemma(t) for t in noun.doc[max(noun.sent.start, noun.i - 1): noun.i + 1])
    if _lemma(noun) in things or name in things:
        return True
    work = _singles(rule["work_marks"])
    return _lemma(noun) in _singles(rule["devices"]) and any(
        _lemma(t) in work for t in noun.doc[max(noun.sent.start, noun.i - 3): noun.i])


def _image_of_workplace(noun: Any, verb: Any, rule: dict[str, Any], owned: Any) -> bool:
    images = _singles(rule["images"])
    if _lemma(noun) not in images and _lemma(verb) not in _IMAGE_VERBS:
        return False
    scope = [t for t in noun.subtree if t.i > noun.i] if _lemma(noun) in images else [noun, *noun.subtree]
    # "send photos from inside the plant": the parser hangs where the picture is taken on the verb
    scope += [t for c in verb.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in ("from", "of", "inside", "in", "at")
              for t in c.subtree]
    places = _singles(rule["sites"])
    for t in scope:
        if _lemma(t) not in places:
            continue
        # "your bench", "this lab of yours", "from inside the plant": the recipient's workplace, seen from within
        if owned(t) or any(w.lower_ in ("your", "you", "yours", "ur", "u") for w in noun.subtree) or \
                t.head.lower_ == "inside" or any(c.lower_ == "yours" for c in t.subtree):
            return True
    return False


def _done_inside(sent: Any, rule: dict[str, Any], owned: Any) -> Iterator[tuple[int, int]]:
    """'how your operator prepares its bids internally': a strict adverb on a verb about the recipient's side."""
    adverbs = _singles(rule["inside_adverbs"])
    for tok in sent:
        if tok.lower_ not in adverbs or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = tok.head
        if any(t.lower_ in ("your", "you") for t in verb.subtree if t.i < tok.i):
            start = min(t.i for t in verb.subtree)
            yield sent.doc[start].idx, tok.idx + len(tok)


def operations_question(sent: Any, rule: dict[str, Any], is_request: Any, in_negated: Any) -> Iterator[tuple[int, int]]:
    """A question about how the recipient's workplace runs: its gates and checks, systems, frequencies, rosters.

    'do they check your phone when you come in?', 'what band do they use for the uplink?', 'are the night
    shift still on the old terminals?'. Only in a message that places the recipient at a workplace (a word
    of `context` anywhere in it), and never about the sender's own things ('our system').
    """
    if "?" not in sent.text and not (is_request(sent) and any(t.tag_ in ("WDT", "WP", "WRB") and t.head.dep_ != "advcl"
                                                              for t in sent)):
        return  # a question, or a request that asks what, which or how: not "please use the company VPN"
    context = _singles(rule["context"])
    if not any(_lemma(t) in context or f"{_lemma(t)} {_lemma(t.nbor())}" in context
               for t in sent.doc if t.i + 1 < len(sent.doc)):
        return
    ops = _singles(rule["operations"])
    uses = _singles(rule["practice_verbs"])
    if "?" in sent.text:  # 'what's the range on the new radar your company is testing?'
        for noun in sent:
            if noun.pos_ in ("NOUN", "PROPN") and _employer_practice(noun, rule):
                yield noun.idx, noun.idx + len(noun)
                return
    for verb in sent:  # 'which test range do they use', 'what software does your unit run'
        if _lemma(verb) not in uses or verb.pos_ != "VERB" or "?" not in sent.text:
            continue
        doers = [c for c in verb.children if c.dep_.startswith("nsubj")]
        asked = [c for c in verb.subtree if c.tag_ in ("WDT", "WP") and c.i < verb.i]
        if asked and any(d.lower_ in ("they", "you") or any(w.lower_ == "your" for w in d.subtree) for d in doers):
            yield asked[0].idx, verb.idx + len(verb)
            return
    for tok in sent:
        pair = f"{_lemma(tok)} {_lemma(tok.nbor())}" if tok.i + 1 < sent.end else ""
        if _lemma(tok) not in ops and pair not in ops:
            continue
        if _sender_owns(tok) or in_negated(tok) or own_step(tok):
            continue
        end = tok.nbor() if pair in ops else tok
        yield tok.idx, end.idx + len(end)
        return


def own_step(tok: Any) -> bool:
    """'whom to ask for a key card', 'where to collect my badge': a wh-word with a bare to-infinitive asks what
    the sender should do next (its doer is the asker), not how the recipient's workplace runs or who holds what."""
    for word in [tok, *tok.ancestors]:
        if word.pos_ != "VERB":
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children) and not any(
                c.dep_.startswith("nsubj") for c in word.children):
            return any(t.tag_ in ("WP", "WRB", "WDT") for t in word.subtree if t.i < word.i)
        return False
    return tok.tag_ in ("WP", "WRB", "WDT") and tok.i + 2 < len(tok.doc) and tok.nbor().lower_ == "to" \
        and tok.nbor(2).pos_ == "VERB"


def limits_acknowledged(sent: Any, rule: dict[str, Any], negated: Any) -> Iterator[tuple[int, int]]:
    """'you can't talk about work', 'I know you're not allowed to say much': the recipient's own limit, named.

    Only when a question follows in the message: naming the limit and asking anyway is the pattern.
    """
    verbs = _singles(rule["verbs"])
    later = sent.doc[sent.end:].text if sent.end < len(sent.doc) else ""
    tail = sent.doc[sent.root.i:sent.end].text if sent.root.i < sent.end else ""
    if "?" not in later and "?" not in tail:
        return
    for tok in sent:
        if _lemma(tok) not in verbs or not negated(tok):
            continue
        doers = [c for c in tok.children if c.dep_.startswith("nsubj")] or \
                [c for c in tok.head.children if c.dep_.startswith("nsubj")]
        if any(c.lower_ == "you" for c in doers):
            yield tok.idx, tok.idx + len(tok)


def future_plans(sent: Any, rule: dict[str, Any], is_request: Any) -> Iterator[tuple[int, int]]:
    """A request about the plans of the recipient's organisation for a time to come: unpublished by nature.

    'focused on your division's pipeline for the next two quarters', 'your company's pricing for next
    year'. The owner must be the organisation ('your division's', 'at your firm'), not the recipient ('your
    plans for next year' is a career question).
    """
    if not is_request(sent):
        return
    plans, orgs, future = _singles(rule["plans"]), _singles(rule["orgs"]), _singles(rule["future"])
    for tok in sent:
        if _lemma(tok) not in plans:
            continue
        # The owner in the noun's phrase, or the doer of its verb ('when your ministry will announce the decision').
        around = [*tok.subtree, *tok.head.children] if tok.head.pos_ in ("ADP", "VERB") else list(tok.subtree)
        if tok.head.pos_ == "VERB":
            around += [t for c in tok.head.children if c.dep_.startswith("nsubj") for t in c.subtree]
        owner = next((t for t in around if _lemma(t) in orgs and any(
            w.lower_ in ("your", "you") for w in t.subtree)), None)
        if owner is None:
            continue
        when = next((t for t in sent if _lemma(t) in future or t.lower_ in future or t.like_num and len(t.text) == 4), None)
        if when is not None:
            a, b = min(owner.i, tok.i), max(when.i, tok.i)
            yield sent.doc[a].idx, sent.doc[b].idx + len(sent.doc[b])


def access_request(sent: Any, rule: dict[str, Any], is_request: Any, negated: Any) -> Iterator[tuple[int, int]]:
    """A request to use the recipient's access: their credentials, a way in for the sender, or the sender's
    software or device put onto the recipient's work systems.

    'could I borrow your login for the cluster?', 'can you add me to the access list for the lab?', 'sneak me
    in one evening', 'would you plug my stick into the lab PC?', 'have your admin install our agent on your
    build server'. Never negated ('please never share your password'), and never the sender's own systems.
    """
    if not is_request(sent):
        return
    creds, systems, foreign = _singles(rule["credentials"]), _singles(rule["systems"]), _singles(rule["foreign"])
    installs, grants, uses = _singles(rule["install_verbs"]), _singles(rule["grant_verbs"]), _singles(rule["access_verbs"])
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or negated(verb):
            continue
        names = _verb_names(verb)
        after = [t for t in verb.subtree if t.i > verb.i]
        if names & uses:  # the recipient's credentials
            cred = next((t for t in after if _lemma(t) in creds and _yours(t)), None)
            if cred is not None:
                yield verb.idx, cred.idx + len(cred)
                return
        if names & grants and any(c.lower_ in ("me", "us", "him", "her") for c in verb.children
                                  if c.dep_ in ("dobj", "dative", "nsubj")):
            place = next((t for t in after if _lemma(t) in systems or t.lower_ == "access"), None)
            # "sneak me in", "let us in": 'in' straight after the sender, whatever the parser hangs it on
            inward = [t for t in after[:2] if t.lower_ in ("in", "inside") and t.nbor(-1).lower_ in ("me", "us")]
            if place is None and inward and _lemma(verb) in ("sneak", "smuggle", "slip", "sign", "let", "get"):
                place = inward[0]
            if place is not None:
                a, b = sorted((verb.i, place.i))
                yield sent.doc[a].idx, sent.doc[b].idx + len(sent.doc[b])
                return
        # "create a VPN account for our engineer", "set up a login for me": credentials made for the sender's side
        if names & _MAKE_VERBS:
            cred = next((t for t in after if _lemma(t) in creds and t.head.i == verb.i), None)
            if cred is not None and any(p.lower_ == "for" and any(w.lower_ in _SENDER | {"me", "us"} for w in p.subtree)
                                        for p in [*cred.children, *verb.children] if p.dep_ == "prep"):
                yield verb.idx, cred.idx + len(cred)
                return
        if names & installs and any(_lemma(t) in foreign for t in after):
            target = next((t for t in after if _work_system(t, systems)), None)
            if target is not None and not _sender_owns(target):
                yield verb.idx, target.idx + len(target)
                return


def _yours(tok: Any) -> bool:
    return any(t.lower_ in ("your", "ur", "yours") for t in [*tok.children, *tok.doc[max(tok.sent.start, tok.i - 3): tok.i]])


def _work_system(tok: Any, systems: set[str]) -> bool:
    """A work system ('the build server', 'the lab network'), or a computer named by its use ('the analysis PC')."""
    if _lemma(tok) in systems:
        return True
    return _lemma(tok) in ("pc", "computer", "machine", "laptop", "workstation") and (
        _yours(tok) or any(c.dep_ in ("compound", "amod") for c in tok.children))


def work_question(sent: Any, rule: dict[str, Any]) -> Iterator[tuple[int, int]]:
    """A what- or which-question about what the recipient or their team does or gets at work.

    'so what are you working on these days', 'what do you do at the ministry all day?', 'what figures is your
    team getting now?'. Verbs of doing in general ('do', 'get', 'run') count only in a sentence that names
    the workplace; verbs of work itself ('work on', 'build', 'test') always.
    """
    first = next((t for t in sent if not t.is_punct and t.lower_ not in ("so", "and", "btw", "but", "anyway", "ok")), None)
    if "?" not in sent.text and (first is None or first.tag_ not in ("WP", "WDT", "WRB")):
        return
    work, general, places = _singles(rule["work_verbs"]), _singles(rule["verbs"]), _singles(rule["work_words"])
    at_work = any(_lemma(t) in places for t in sent)
    for verb in sent:
        if verb.pos_ != "VERB" or _lemma(verb) not in work | general:
            continue
        if _lemma(verb) not in work and not at_work:
            continue
        doers = [c for c in verb.children if c.dep_.startswith("nsubj")]
        if not any(d.lower_ in ("you", "u") or any(w.lower_ in ("your", "ur") for w in d.subtree) for d in doers):
            continue
        asked = [t for t in verb.subtree if t.tag_ in ("WP", "WDT") and t.i < verb.i]
        if asked:
            yield asked[0].idx, verb.idx + len(verb)
            return
