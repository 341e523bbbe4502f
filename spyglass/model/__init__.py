"""The spyglass data model, declared once and imported by every stage."""

from spyglass.model.dates import PRECISIONS, FuzzyDate
from spyglass.model.records import Case, CaseEvent, Claim, Document, Mention, Rejection, Segment, content_hash
from spyglass.model.vocabulary import ENTITY_TYPES, HEDGES, LEGAL_STATUSES, PREDICATES, SEGMENT_KINDS, UNNAMED_SUBJECT

__all__ = [
    "PRECISIONS", "FuzzyDate", "Case", "CaseEvent", "Claim", "Document", "Mention", "Rejection", "Segment",
    "content_hash", "ENTITY_TYPES", "HEDGES", "LEGAL_STATUSES", "PREDICATES", "SEGMENT_KINDS", "UNNAMED_SUBJECT",
]
