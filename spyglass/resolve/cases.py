"""Assemble case files: one per person, company or group facing an espionage-related action.

Subjects of legal-event claims are grouped across documents by name (strong matches merge;
weak ones, such as a surname alone or another given name, merge only when the rest of the
case agrees: the same agency, the same dated event, or an alias claim). Each case then
gathers its timeline, sponsor, sentence and documents, choosing among disagreeing sources
(`choose.py`) and flagging the disagreement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from dataclasses import replace
from typing import Any, Iterable

from spyglass.extract.foreign_dates import SCENE
from spyglass.model import Case, CaseEvent, Claim, Document, content_hash
from spyglass.model.methods import VOCABULARY
from spyglass.resolve.choose import Evidence, choose, dates_agree
from spyglass.resolve.grouping import (
    ALLEGATIONS, AS_STATUS, LADDER, OWN_ALLEGATIONS, SPONSOR_PREDICATES, Node, cluster, name_score, subject_nodes,
)
from spyglass.resolve.appeal_courts import LEVELS, disagreeing, rulings
from spyglass.resolve.described_roles import roles_described
from spyglass.resolve.other_crimes import other_crimes_only
from spyglass.resolve.statute_sections import section_readings
from spyglass.resolve.syndication import groups as syndication_groups
from spyglass.resolve.syndication import source_kinds
from spyglass.resolve.mentions_scan import reporting_documents
from spyglass.resolve.names import inflected_alike
from spyglass.resolve.weekdays import weekday_disputes
from spyglass.resolve.yearless_dates import (BEFORE, report_years, with_judgment_days, with_report_years,
                                              with_weekday_years, with_weekdays_reported, with_written_years,
                                              with_years_between, with_years_written_beside)
from spyglass.resolve.sponsor_names import (  # noqa: F401 (sponsor_aliases: part of this module's API)
    country_named, country_of, entry_of, is_country, parent_of, prosecuting_country, sponsor_aliases, sponsor_tier,
)
from spyglass.resolve.unnamed_reports import group_size, unnamed_reports


def build_cases(docs: list[Document], claims: list[Claim], mentions: list[Any] | None = None,
                rules: dict[str, Any] | None = None) -> list[Case]:
    """Case files from every document's claims; `mentions` (with in-document names) add the
    other forms each document uses for a case's names ("Wen", "Mr Marlowe"); `rules` are the
    analysts' judgements (`judgements.as_rules`), which override what the matching decided."""
    from spyglass.resolve.judgements import claim_key

    rules = rules or {"merge": [], "split": [], "wrong": set(), "choose": {}}
    claims = [c for c in claims if claim_key(c) not in rules["wrong"]]
    by_doc = {d.doc_id: d for d in docs}
    group_of = syndication_groups(docs)
    kinds = source_kinds(docs)
    nodes = _groups_beside_names(_parties(subject_nodes(claims), claims), by_doc, claims, mentions or [])
    clusters = cluster(nodes, rules)
    facing = [n for n in nodes.values() if any(AS_STATUS.get(c.predicate, c.predicate) and c.predicate in LADDER
                                                for c in n.claims)]
    subjects = {n.name for n in facing} | {a for n in facing for a in n.aliases}
    clusters = [c for c in clusters if any(len(n.name.split()) >= 2 or re.match(r"[\u3005\u3400-\u9fff]{2}", n.name)
                                             or n.kind in ("company", "threat_group") for n in c)]  # a lone surname is no case
    # A case exists only where some report names the person as the one an event happened to: a
    # pronoun or description resolved to a name ("he was released") adds to a case, never makes one.
    clusters = [c for c in clusters if any(_anchors(n) for n in c)]
    subjects_by_doc: dict[str, set[str]] = defaultdict(set)
    for node in facing:
        subjects_by_doc[node.doc_id].add(node.name)
    services = _foreign_services(by_doc, mentions or [])
    people: dict[str, set[str]] = defaultdict(set)  # document -> the people it names
    for m in mentions or []:
        if m.type == "person":
            people[m.doc_id].add(m.name)

    def finish(extra: dict[str, list[Claim]]) -> list[tuple[str, Case]]:
        built = []
        for members in clusters:
            case = _assemble(members + _unnamed_node(members, extra.get(_key(members), [])), by_doc, group_of, claims,
                             subjects, subjects_by_doc, kinds, services, people)
            if case is not None and case.status is not None and not (
                    case.kind == "person" and other_crimes_only({case.name, *case.aliases}, claims, by_doc)):
                built.append((_key(members), case))
        cases = [case for _, case in built]
        _apply_choices(cases, rules["choose"])
        if mentions:
            _mention_aliases(cases, clusters, mentions, by_doc)
        reporting_documents(cases, docs)
        return built

    built = finish({})
    # reports that name no one, plainly about one case (its firm, its foundation): their events join it
    attached = unnamed_reports([case for _, case in built], docs, claims)
    if attached:
        key_of = {case.case_id: key for key, case in built}
        built = finish({key_of[case_id]: found for case_id, found in attached.items()})
    return sorted((case for _, case in built), key=lambda c: (-len(c.documents), c.name))


def _surest(claims: Iterable[Claim]) -> list[Claim]:
    """Values read where the sentence names the person outrank values read through a pronoun or a
    description ("the three defendants were ... for ten years"): the guesses count only alone."""
    found = list(claims)
    named = [c for c in found if c.confidence >= 0.6]
    return named or found


def _key(members: list[Node]) -> str:
    return f"{members[0].doc_id}:{members[0].name}"


def _unnamed_node(members: list[Node], found: list[Claim]) -> list[Node]:
    """The unnamed-defendant events attached to this cluster's case, as one more node named as
    the cluster names the person (the claims keep their own sentences and documents)."""
    if not found:
        return []
    node = Node(found[0].doc_id, members[0].name, members[0].kind, unnamed=True)
    node.claims = [replace(c, subject=members[0].name, confidence=0.5) for c in found]
    return [node]


def _foreign_services(by_doc: dict[str, Document], mentions: list[Any]) -> dict[str, list[str]]:
    """Document -> the intelligence services a non-English report names (its own state's are
    never kept at extraction), each once; never a security or police service that reporting names
    as the investigator (the FBI, MI5, the PET), which arrests spies rather than runs them."""
    out: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        doc = by_doc.get(m.doc_id)
        if doc is None or (doc.language or "en") == "en" or m.type not in ("state_agency", "agency_unit") or not m.kb_id:
            continue
        if m.kb_id in VOCABULARY.investigators:
            continue
        if m.name not in out[m.doc_id]:
            out[m.doc_id].append(m.name)
    return out


def _parties(nodes: dict[tuple[str, str], Node], claims: list[Claim]) -> dict[tuple[str, str], Node]:
    """Subjects that a report does not name as a lawyer, judge, witness or in a byline or credit."""
    from spyglass.extract.roles import HARD_ROLES

    barred = {(c.doc_id, c.subject) for c in claims if c.predicate == "named_as" and c.value in HARD_ROLES}
    return {key: node for key, node in nodes.items() if key not in barred}


def _anchors(node: Node) -> bool:
    """A claim that names this subject itself as the one an event happened to (or, for a company
    or group, an allegation against it)."""
    # a sanctioned person faces no case; a death is no legal action (it ends one already begun)
    personal = [p for p in LADDER if p not in ("sanctioned", "deceased")] if node.kind in ("person", "person_group") else LADDER
    if any((c.predicate in personal and c.confidence >= 0.55 and c.subject == node.name)
           or (c.predicate in ALLEGATIONS and c.confidence >= 0.5 and node.kind == "threat_group")
           or (c.predicate in OWN_ALLEGATIONS and c.confidence >= 0.5 and node.kind == "company") for c in node.claims):
        return True
    # Two kinds of evidence: an event read through a pronoun ("he was later caught") about a
    # person the report itself places in the espionage ("the former CIA officer X").
    return any(c.predicate in personal for c in node.claims) and any(
        c.predicate in SPONSOR_PREDICATES and c.subject == node.name and c.confidence >= 0.6 for c in node.claims)


def _groups_beside_names(nodes: dict[tuple[str, str], Node], by_doc: dict[str, Document],
                         claims: list[Claim], mentions: list[Any]) -> dict[tuple[str, str], Node]:
    """"Three men were convicted" in a report that names the three is not a fourth case: a group
    is dropped where its paragraph names a person facing an event, or the report names at least
    as many people facing the same event as the group counts."""
    named: dict[str, list[Claim]] = defaultdict(list)
    for node in nodes.values():
        if node.kind == "person":
            named[node.doc_id] += [c for c in node.claims if c.predicate in LADDER]
    persons: dict[str, set[str]] = defaultdict(set)  # people a report names in its claims, not in a role
    roles = {(c.doc_id, c.subject) for c in claims if c.predicate == "named_as"}
    for c in claims:
        if c.subject_type == "person" and len(c.subject.split()) >= 2 and (c.doc_id, c.subject) not in roles:
            persons[c.doc_id].add(c.subject)
    for m in mentions:
        if m.type == "person" and m.source != "metadata" and len(m.name.split()) >= 2 and (m.doc_id, m.name) not in roles:
            persons[m.doc_id].add(m.name)
    kept = {}
    for key, node in nodes.items():
        if node.kind == "person_group":
            doc = by_doc.get(node.doc_id)
            text = doc.text if doc else ""
            paragraphs = {_paragraph(text, c.start) for c in node.claims}
            beside = any(_paragraph(text, c.start) in paragraphs for c in named.get(node.doc_id, []))
            events = {c.predicate for c in node.claims}
            same = len({c.subject for c in named.get(node.doc_id, []) if c.predicate in events})
            # a group in a report's opening paragraph is who the report is about: the people it
            # goes on to name are its members
            lede = doc is not None and min(c.start for c in node.claims) < _body_start(doc) + 600
            people = len(persons.get(node.doc_id, set())) if lede else same
            # a report about one or two named defendants, named across its paragraphs: a group it
            # also mentions is part of their story, not a case file without names
            defendants = {c.subject for c in named.get(node.doc_id, []) if c.confidence >= 0.55}
            story = 1 <= len(defendants) <= 2 and len({_paragraph(text, c.start) for c in named.get(node.doc_id, [])}) >= 2
            if beside or story or people >= _count(node.name):
                _share_group_events(node, nodes, named.get(node.doc_id, []))
                continue
        kept[key] = node
    return kept


def _share_group_events(group: Node, nodes: dict[tuple[str, str], Node], named: list[Claim]) -> None:
    """"The two men were arrested in April 2023" in a report that names two defendants: each of
    them was, as a guess (0.5) that dates their cases but never makes one. Only when the report
    names as many defendants as the group counts, so no one is given another's event."""
    defendants = sorted({c.subject for c in named if c.confidence >= 0.55})
    if len(defendants) != _count(group.name) or not re.match(r"\w+ \w+", group.name):
        return
    events = {c.predicate for c in group.claims}
    if any(_CONTRARY.get(c.predicate, set()) & events for c in named if c.subject in defendants):
        return  # "two men pleaded guilty" beside a man acquitted and one whose charges were dropped: others
    for name in defendants:
        node = nodes.get((group.doc_id, name))
        if node is None:
            continue
        own = {c.predicate for c in node.claims if c.date is not None}
        node.claims += [replace(c, subject=name, confidence=0.5) for c in group.claims
                        if c.predicate in LADDER and c.date is not None and c.predicate not in own]


_NO_TERM = ("life", "death", "death with reprieve")  # sentences that are no number of months
# outcomes one person cannot have beside the other's: a group's event is never given across them
_GUILTY, _NOT_GUILTY = {"pleaded_guilty", "convicted", "sentenced"}, {"acquitted", "dismissed", "charges_dropped"}
_CONTRARY = {**{p: _NOT_GUILTY for p in _GUILTY}, **{p: _GUILTY for p in _NOT_GUILTY}}


def _body_start(doc: Document) -> int:
    return min((s.start for s in doc.segments if s.kind == "body"), default=0)


def _paragraph(text: str, at: int) -> int:
    return text.rfind("\n\n", 0, at)


def _count(group: str) -> int:
    """How many people a group names: "two men", "the three defendants" (two when it says no number)."""
    return group_size(group) or 2


def _assemble(members: list[Node], by_doc: dict[str, Document], group_of: dict[str, str],
              all_claims: list[Claim], subjects: set[str], subjects_by_doc: dict[str, set[str]],
              kinds: dict[str, str], services: dict[str, list[str]], people: dict[str, set[str]]) -> Case | None:
    claims = [c for node in members for c in node.claims]
    case_docs = {n.doc_id for n in members}
    # Officers named in the case's reports who are not themselves facing a case: the handlers.
    # Only reports about this one case count: a column naming ten cases names unrelated officers too.
    single = {d for d in case_docs if sum(1 for s in subjects_by_doc.get(d, ()) if s not in {n.name for n in members}) == 0}
    # (never an investigator's officer, nor anyone a report names in a role: "FBI agent X testified")
    in_roles = {(c.doc_id, c.subject) for c in all_claims if c.predicate == "named_as"}
    handlers = [c for c in all_claims if c.predicate == "officer_of" and c.doc_id in single
                and c.subject not in subjects and c.object and c.value != "former" and (c.doc_id, c.subject) not in in_roles
                and getattr(entry_of(c.object), "id", None) not in VOCABULARY.investigators]
    names = [n.name for n in members if not n.unnamed] or [n.name for n in members]
    full = [n for n in names if len(n.split()) >= 2 and not re.search(r"\b\w\.$", n)] or names
    name = max(set(full), key=lambda n: (full.count(n), -names.index(n)))
    kind = max(sorted({n.kind for n in members}), key=lambda k: sum(n.kind == k for n in members))  # stable ties
    aliases = sorted({n for node in members for n in (node.name, *node.aliases)})
    # what any report says the case is also called ("Star Blizzard, also known as ..."), by one of its
    # own full names: a report that names no event of it still gives its other names
    aliases = sorted(set(aliases) | {c.object for c in all_claims if c.predicate == "alias_of" and c.object
                                     and c.subject in aliases and (kind != "person" or len(c.subject.split()) >= 2)
                                     and c.confidence >= 0.6})

    def evidence(claim: Claim, value: Any) -> Evidence:
        doc = by_doc.get(claim.doc_id)
        return Evidence(value, claim.doc_id, group_of.get(claim.doc_id, claim.doc_id),
                        doc.published if doc else None, claim.claim_id, kinds.get(claim.doc_id, "news"))

    timeline: list[CaseEvent] = []
    conflicts: list[dict[str, Any]] = []
    texts = {d: doc.text for d in {c.doc_id for c in claims} if (doc := by_doc.get(d)) is not None}
    case_time = _case_time(claims)
    undated = [c for c in claims if (d := by_doc.get(c.doc_id)) is not None and not d.published]
    for status in LADDER:
        happened = [c for c in claims if c.predicate == status
                    or (status == "alleged" and c.predicate in ALLEGATIONS and kind in ("company", "threat_group"))]
        if not happened:
            continue
        placed = with_years_written_beside(with_written_years([(c, c.date) for c in happened]), texts)
        if status == "sentenced":
            placed = with_judgment_days(placed, claims, texts)
        placed = with_weekdays_reported(with_weekday_years(placed, *case_time), *case_time)
        earlier = [e.date.first_day() for e in timeline if e.status in BEFORE.get(status, ()) and e.date]
        reports = [d.published for c in happened if (d := by_doc.get(c.doc_id)) is not None and d.published]
        placed = with_years_between(placed, max(earlier, default=None),
                                    date.fromisoformat(min(reports)) if reports else None)
        placed = with_report_years(placed, report_years(undated, {e.status: e.date for e in timeline if e.date}),
                                   max(earlier, default=None))
        dated = [evidence(c, date) for c, date in placed if date]
        chosen = choose(dated, dates_agree)
        stated = choose([evidence(c, date) for c, date in placed if date and not (c.date_phrase or "").startswith(SCENE)],
                        dates_agree)
        if chosen and stated and not dates_agree(chosen.value, stated.value):
            # a date written in the event's own clause outranks the date a narrative set for its scene
            chosen.value, chosen.reason = stated.value, "written in the event's own clause, over the date of a scene"
        disputes = weekday_disputes(happened, chosen.value if chosen else None, group_of)
        if chosen and (chosen.conflict or disputes):
            reason = chosen.reason if chosen.conflict else f"{chosen.reason}; a report names another weekday"
            conflicts.append({"field": f"dates.{status}", "chosen": str(chosen.value), "reason": reason,
                              "values": _plain(chosen.values) + disputes})
        timeline.append(CaseEvent(status, chosen.value if chosen else None, sorted(c.claim_id for c in happened)))
    statuses = {e.status for e in timeline}
    charge = next((e for e in timeline if e.status == "charged"), None)
    indictment = next((e for e in timeline if e.status == "indicted" and e.date), None)
    if charge is not None and charge.date is None and indictment is not None:
        charge.date = indictment.date  # "according to the indictment, X ...": the charge is the indictment's
    plea = next((e for e in timeline if e.status == "pleaded_guilty"), None)
    if plea is not None and "convicted" not in statuses:
        # A guilty plea is a conviction: the case reads "convicted" from the day of the plea.
        timeline.append(CaseEvent("convicted", plea.date, list(plea.claim_ids)))
        timeline.sort(key=lambda e: LADDER.index(e.status))
    # a life term competes with terms in months (a sentence naming two defendants' terms is read for each)
    terms = [c for c in claims if c.predicate == "sentenced" and ((c.value or "").isdigit() or c.value in _NO_TERM)]

    def term(claim: Claim) -> Evidence:
        return evidence(claim, int(claim.value or 0) if (claim.value or "").isdigit() else claim.value)

    sentence = choose([term(c) for c in terms])
    surest = choose([term(c) for c in _surest(terms)])
    if sentence and surest and not surest.conflict and surest.value != sentence.value:
        # every value stays listed; when the reports that name the person agree, their value is chosen
        sentence.value = surest.value
        sentence.reason = "given where a report names the person (other values were read through a pronoun or description)"
    if sentence and sentence.conflict:
        conflicts.append({"field": "sentence_months", "chosen": sentence.value, "reason": sentence.reason,
                          "values": sentence.values})
    # A named service outranks its country: "spying for Russia" supports "Russia's FSB", it does
    # not dispute it. Countries decide only when no service is named.
    own = {n.name for n in members} | {a for n in members for a in n.aliases}
    # what any report says the person worked for, also reports that name no event ("X, an
    # officer of the FSB"), matched by one of the case's own full names
    elsewhere = [c for c in all_claims if c.predicate in SPONSOR_PREDICATES and c.doc_id not in case_docs
                 and len(c.subject.split()) >= 2 and (c.subject in own or max(
                     name_score(c.subject, n, kind) for n in own) >= 0.85)]
    # what a report says a group it describes worked for ("the two acted for X") is said of its defendants
    # (only in reports about at most three defendants: in a column on ten cases "they" is anyone)
    naming = {d for d in case_docs | {d for d, names in people.items() if own & names} if len(subjects_by_doc.get(d, ())) <= 3}
    described = [c for c in all_claims if c.doc_id in naming and c.predicate in SPONSOR_PREDICATES
                 and c.subject_type == "person" and c.subject[:1].islower() and c not in claims]
    backing = [c for c in claims + elsewhere + described if c.predicate in SPONSOR_PREDICATES and c.object
               and c.value != "former" and c.object not in own and name_score(c.object, name, kind) < 0.9]  # never its own
    home = prosecuting_country(claims)
    if home:  # an officer of the prosecuting state's own service is its insider, not its enemy's agent
        backing = [c for c in backing if not (c.predicate == "officer_of" and country_of(c.object) == home)]
    # A named service outranks the state's intelligence named only by the state, which outranks its
    # government, which outranks the bare state: "spying for Russia" supports "Russia's FSB".
    if any(c.predicate != "officer_of" and sponsor_tier(c.object or "") <= 1 for c in backing):
        # "an officer of the BND ... procured its data for the FSB": whom the person worked for
        # outranks where they were employed
        backing = [c for c in backing if c.predicate != "officer_of"]
    best = min((sponsor_tier(c.object or "") for c in backing), default=3)
    sponsor = choose([evidence(c, c.object) for c in backing if sponsor_tier(c.object or "") == best])
    approaches = [c for c in all_claims if c.predicate == "used_method" and (c.value or "") in own and c.object
                  and c.subject_type in ("state_agency", "agency_unit")]
    approaches = [c for c in approaches if sponsor is None or sponsor_tier(c.subject) < sponsor_tier(sponsor.value)]
    if (sponsor is None or is_country(sponsor.value)) and approaches:
        # The service reported to have approached or run the person ("the recruiters who
        # approached the analyst were officers of the MSS").
        sponsor = choose([evidence(c, c.subject) for c in approaches])
        if sponsor is not None:
            sponsor.reason = "the service reported to have approached the person; " + sponsor.reason
    handlers = [c for c in handlers if sponsor is None or sponsor_tier(c.object or "") < sponsor_tier(sponsor.value)]
    if (sponsor is None or is_country(sponsor.value)) and handlers:
        # A recruited agent's sponsor is the service of the officer who ran them ("the contact ...
        # was an officer of the Shanghai State Security Bureau").
        sponsor = choose([evidence(c, c.object) for c in handlers])
        if sponsor is not None:
            sponsor.reason = "the service of the officer reported as the handler; " + sponsor.reason
    employers = {c.object for c in all_claims if c.predicate == "hired_by" and c.subject in own and c.object}
    through = [c for c in all_claims if c.predicate in SPONSOR_PREDICATES and c.object and c.subject_type in ("company", "threat_group")
               and any(name_score(c.subject, e, "company") >= 0.9 for e in employers)]
    if sponsor is None and through:
        # "X worked for Northwind, a firm with ties to the MPS": the service behind the employer
        sponsor = choose([evidence(c, c.object) for c in through])
        if sponsor is not None:
            sponsor.reason = "the service behind the firm the person worked for; " + sponsor.reason
    named_services = [(d, service) for d in sorted(case_docs) for service in services.get(d, [])
                      if not home or country_of(service) != home]  # the arresting state's own service is no sponsor
    if sponsor is not None and named_services and sponsor_tier(sponsor.value) >= 1:
        # "Russian intelligence" in one report, the SVR named in another's story: the named service
        country = country_of(sponsor.value) or country_named(sponsor.value)
        refined = [(d, service) for d, service in named_services if country and country_of(service) == country]
        if refined:
            sponsor = choose([Evidence(service, d, group_of.get(d, d), by_doc[d].published if d in by_doc else None,
                                       f"mention:{d}:{service}", kinds.get(d, "news")) for d, service in refined])
            if sponsor is not None:
                sponsor.reason = "the service of that state named in the case's reports in other languages; " + sponsor.reason
    if sponsor is None and named_services:
        # No report says whom the person worked for, but reports in other languages name a
        # foreign service (never their own state's) in the story: that service, with the reason.
        sponsor = choose([Evidence(service, d, group_of.get(d, d), by_doc[d].published if d in by_doc else None,
                                   f"mention:{d}:{service}", kinds.get(d, "news")) for d, service in named_services])
        if sponsor is not None:
            sponsor.reason = "the foreign service the case's reports in other languages name; " + sponsor.reason
    if sponsor is not None:
        # a report that has the person spying against the sponsor's own state reverses the direction
        state = country_of(sponsor.value) or country_named(sponsor.value) or sponsor.value
        reversed_by = [c for c in all_claims if c.predicate == "targets" and c.value == "spied against" and c.object == state
                       and c.doc_id in case_docs and any(inflected_alike(c.subject, n) for n in own)]
        if reversed_by:
            against = choose([evidence(c, f"against {state}") for c in reversed_by])
            sponsor.values += against.values if against else []
            sponsor.conflict = True
    if sponsor is not None:
        # "liberado por Irán" of a person said to spy for Iran: the state that held them released them
        state = country_of(sponsor.value) or country_named(sponsor.value) or sponsor.value
        freed = [c for c in claims if c.predicate == "released"]
        naming = {c.doc_id for c in freed if c.object == state}
        if naming:
            held = home or "the state that held the person"
            release = choose([evidence(c, c.object or held) for c in freed if c.object or c.doc_id not in naming])
            if release is not None and release.conflict:
                conflicts.append({"field": "released_by", "chosen": release.value, "values": release.values,
                                  "reason": f"{release.reason}; {state} is the state the person is said to have spied for"})
    if sponsor and sponsor.conflict:
        conflicts.append({"field": "sponsor", "chosen": sponsor.value, "reason": sponsor.reason, "values": sponsor.values})
    # reports in which no one else is charged: what they say of charges is said of this person's
    charged_elsewhere = {c.doc_id for c in all_claims if c.doc_id in case_docs and c.subject not in own
                         and c.predicate in ("charged", "indicted", "convicted", "sentenced")}
    alone = {d: by_doc[d].text for d in case_docs - charged_elsewhere if d in by_doc}
    for title, by_section in section_readings(alone).items():
        # "section 22, preparatory acts" in one report, "section 23, preparatory acts" in another
        read = choose([Evidence(f"section {number}: {title}", d, group_of.get(d, d), by_doc[d].published,
                                f"text:{d}:{number}", kinds.get(d, "news")) for number, docs in by_section.items() for d in docs])
        if read is not None:
            conflicts.append({"field": "charges", "chosen": read.value, "reason": read.reason, "values": read.values})
    # every report naming the person (each ruling is read in a sentence that names them)
    telling = sorted(d for d in case_docs | {d for d, names in people.items() if own & names} if d in by_doc)
    heard = [r for d in telling for r in rulings(d, by_doc[d].text, by_doc[d].language, own)]
    split = disagreeing(heard, {d: by_doc[d].published for d in telling})
    firsts = {(r.doc_id, r.level): r for r in reversed(split)}  # a report's first sentence of each level
    court = choose([Evidence(LEVELS[r.level], r.doc_id, group_of.get(r.doc_id, r.doc_id), by_doc[r.doc_id].published,
                             f"text:{r.doc_id}:{r.start}-{r.end}", kinds.get(r.doc_id, "news")) for r in firsts.values()])
    if court is not None and court.conflict:
        # "the Supreme Court upheld" in one report, "sentenced in the court of appeal" in others
        conflicts.append({"field": "appeal_court", "chosen": court.value, "reason": court.reason, "values": court.values})
    role = _role(claims)
    called = choose(roles_described(claims, all_claims, own, evidence))
    if called and called.conflict:
        conflicts.append({"field": "role", "chosen": called.value, "reason": called.reason, "values": called.values})
        role = called.value
    if not timeline:
        return None
    documents = sorted({c.doc_id for c in claims}, key=lambda d: (by_doc[d].published or "", d) if d in by_doc else ("", d))
    return Case(
        case_id=content_hash(kind, name)[:16],
        name=name,
        kind=kind,
        aliases=aliases,
        role=role,
        sponsor=sponsor.value if sponsor else None,
        parent_agency=parent_of(sponsor.value) if sponsor else None,
        prosecuting_country=prosecuting_country(claims),
        targets=sorted({c.object for c in claims if c.predicate in ("targets", "hacked", "stole_data_from") and c.object}),
        charges=sorted({c.value for c in claims if c.predicate in ("charged", "indicted") and c.value}),
        convicted_of=sorted({c.value for c in claims if c.predicate in ("convicted", "pleaded_guilty") and c.value}),
        timeline=timeline,
        status=_status(timeline),
        sentence_months=sentence.value if sentence and isinstance(sentence.value, int) else None,
        documents=documents,
        conflicts=conflicts,
    )


def _apply_choices(cases: list[Case], chosen: dict[tuple[str, str], str]) -> None:
    """An analyst's choice replaces the computed value; the computed one stays in `conflicts`."""
    for case in cases:
        names = {case.name, *case.aliases}
        for (target, field), value in chosen.items():
            if target not in names:
                continue
            previous = getattr(case, field)
            setattr(case, field, int(value) if field == "sentence_months" and value.isdigit() else value)
            case.conflicts.append({"field": field, "chosen": value, "reason": "chosen by an analyst",
                                   "values": [{"value": str(previous), "documents": [], "independent_sources": 0}]})


def _mention_aliases(cases: list[Case], clusters: list[list[Node]], mentions: list[Any],
                     by_doc: dict[str, Document]) -> None:
    """Every surface form a document uses for a name the case goes by in that document, with the
    honorific it is written with ("Mr. Berg"); a given name alone is not a name of the case."""
    by_name: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for m in mentions:
        by_name[(m.doc_id, m.name)].append(m)
    for case in cases:
        members = next((c for c in clusters if any(n.name == case.name for n in c)), [])
        forms: set[str] = set()
        for node in members:
            for (doc_id, name), found in by_name.items():
                if doc_id != node.doc_id:
                    continue
                if name in {node.name, *node.aliases} or name_score(name, node.name, node.kind) >= 0.8:
                    forms |= {m.text for m in found} | {name}
                    # "Halasa" alone, after "Marek Halas": the surname in a case ending, so the surname too
                    forms |= {m.name.split()[-1] for m in found if m.source == "reference"
                              and len(m.name.split()) >= 2 and m.text != m.name.split()[-1]}
                    text = by_doc[doc_id].text if doc_id in by_doc else ""
                    for m in found:
                        titled = _HONORIFIC.search(text[max(0, m.start - 6) : m.start])
                        if titled:
                            forms.add(text[m.start - len(titled.group(0)) : m.end])
        given = {case.name.split()[0]} if len(case.name.split()) >= 2 else set()
        case.aliases = sorted(set(case.aliases) | {f for f in forms if f and f[0].isupper() and f not in given})


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Herr|Frau)\.?\s$")


def _case_time(claims: list[Claim]) -> tuple[date, date]:
    """From a year before the case's first dated legal event to today: a report without a date of
    its own may have been written any day since."""
    firsts = [c.date.first_day() for c in claims if c.date is not None and c.predicate in LADDER]
    until = date.today()
    return (min(firsts) - timedelta(days=365) if firsts else until - timedelta(days=365 * 3)), until


def _plain(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**v, "value": str(v["value"])} for v in values]


def _status(timeline: list[CaseEvent]) -> str | None:
    """The latest event as a case status; undated events count by their place on the ladder."""
    ranked = []
    for event in timeline:
        status = AS_STATUS.get(event.status, event.status)
        if status is None:
            continue
        when = event.date.first_day().isoformat() if event.date else ""
        ranked.append((when, LADDER.index(event.status), status))
    guilty = [r for r in ranked if r[2] in ("convicted", "sentenced")]
    if guilty:
        # An acquittal beside a conviction is an acquittal on some counts, unless it comes later (on appeal).
        last_guilty = max(r[0] for r in guilty)
        ranked = [r for r in ranked if r[2] != "acquitted" or (r[0] and last_guilty and r[0] > last_guilty)]
    if not ranked:
        return None
    dated = [r for r in ranked if r[0]]
    latest_dated = max(dated) if dated else None
    highest = max(ranked, key=lambda r: r[1])
    if latest_dated and LADDER.index(latest_dated[2]) >= highest[1] - 0:
        chosen = latest_dated
    else:
        chosen = highest if not latest_dated or highest[1] > LADDER.index(latest_dated[2]) else latest_dated
    acquittal = next((r for r in ranked if r[2] == "acquitted"), None)
    convicted = any(r[2] in ("convicted", "sentenced") for r in ranked)
    if chosen[2] == "released" and acquittal and not convicted and (not chosen[0] or not acquittal[0] or chosen[0] <= acquittal[0]):
        return "acquitted"  # freed from custody before or upon an acquittal: the acquittal is the outcome
    return chosen[2]


def _role(claims: list[Claim]) -> str | None:
    if any(c.predicate == "officer_of" for c in claims):
        return "intelligence officer"
    if any(c.predicate in ("agent_of", "recruited_by") for c in claims):
        return "agent"
    if any(c.predicate == "contractor_for" for c in claims):
        return "contractor"
    return None
