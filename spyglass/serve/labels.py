"""Words for the store's internal names: predicates, case fields and statuses are never shown raw to users."""

from __future__ import annotations

PREDICATES = {
    "officer_of": "officer of", "agent_of": "agent of", "part_of": "part of", "focuses_on": "focuses on",
    "contractor_for": "contractor for", "recruited_by": "recruited by", "hired_by": "hired by",
    "attributed_to": "attributed to", "stole_data_from": "stole data from", "used_method": "used the method",
    "citizen_of": "citizen of", "alias_of": "also called", "named_as": "named as", "subordinate_to": "subordinate to",
    "pleaded_guilty": "pleaded guilty", "sponsored_by": "acted for", "person_group": "group of people",
}
FIELDS = {
    "sentence_months": "sentence", "sponsor": "sponsor", "status": "status", "prosecuting_country": "prosecuted by",
    "dates.arrested": "date of arrest", "dates.charged": "date charged", "dates.indicted": "date of indictment",
    "dates.convicted": "date of conviction", "dates.sentenced": "date of sentence", "dates.sanctioned": "date of sanctions",
    "dates.released": "date of release", "dates.extradited": "date of extradition", "dates.acquitted": "date of acquittal",
    "parent_agency": "parent agency", "person_group": "group of people", "first_date": "first event",
    "last_date": "last event", "documents": "documents", "name": "case", "kind": "kind",
}
EVENTS = {"pleaded_guilty": "pleaded guilty", "alleged": "accused"}
# the legal steps in the order a case passes them, for colours and the allegation markers
EVENT_ORDER = ("alleged", "arrested", "charged", "indicted", "extradited", "sanctioned", "pleaded_guilty", "convicted",
               "sentenced", "acquitted", "dismissed", "released")


def predicate_words(predicate: str | None) -> str:
    return PREDICATES.get(predicate or "", (predicate or "").replace("_", " "))


def field_words(field: str) -> str:
    return FIELDS.get(field, field.replace("dates.", "date ").replace("_", " "))


def event_words(event: str | None) -> str:
    return EVENTS.get(event or "", (event or "").replace("_", " "))


def value_words(field: str, value: object) -> str:
    """A conflicting value as a person reads it: 216 months -> "216 months (18 years)"."""
    if field == "sentence_months" and isinstance(value, int):
        return months(value)
    return str(value)


def months(n: int) -> str:
    years, rest = divmod(int(n), 12)
    if years and not rest:
        return f"{years} year{'s' if years > 1 else ''} ({n} months)"
    return f"{n} months"
