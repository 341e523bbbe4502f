"""The tradecraft and transnational-repression methods: loaded from methods.json and checked as they load.

Each method is declared once in `spyglass/model/methods.json` with an id, a kind (`tradecraft` or
`repression`), a name, a definition and examples, plus two kinds of data the code reads:

- `extraction.cues`: sentence-level regular expressions (case-insensitive) that read a method's use in
  reporting, each with the confidence of the claim it yields; optionally `actor_types` (which mention
  types may be the actor, in order of preference), `targets` (case-sensitive patterns for against whom)
  and `person_is_target` (false when a named person is the method's instrument, e.g. a hired proxy).
- `message`: how a message someone received resembles the method, from the shared `features` (lexical
  red flags such as unsolicited contact, a vague employer, a request to move to a private messenger,
  payment for reports, paid travel, urgency, secrecy; and signs of an ordinary message with negative
  weights). Every group in `requires` needs one feature present; the present features' weights are
  summed and compared with `threshold`; at least `min_features` positive features must be present.

Extending: set SPYGLASS_METHODS to the path of a JSON file of the same shape (every key optional). Its
features and methods are added; one with an id already declared replaces the built-in one, so a
deployment can retune a method without editing the package. `channels` (platforms an approach runs on,
never its actor), `investigators` (knowledge-base ids of services reporting names as investigators),
`targets` (case-sensitive descriptions of targets) and `skip_sentences` (sentences that
explain law rather than report a use) are appended.
A bad file fails loudly at load time with the file and the method or feature it concerns.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spyglass.errors import ModelError
from spyglass.model.vocabulary import ENTITY_TYPES

KINDS: dict[str, str] = {
    "tradecraft": "How a service collects: approaches, cover, stations, devices, intrusion, theft.",
    "repression": "How a state reaches critics and people it calls fugitives abroad: transnational repression.",
}
ENV_VAR = "SPYGLASS_METHODS"
# A named service outranks a country tied to the act ("China's intelligence agencies"), which outranks a
# party, ministry or company named in passing; a method's own list can reorder them (contractors first).
DEFAULT_ACTOR_TYPES: tuple[str, ...] = (
    "state_agency", "agency_unit", "threat_group", "country", "government_body", "company",
)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"_doc", "version", "channels", "investigators", "targets", "skip_sentences", "features", "methods"}
_METHOD_KEYS = {"id", "kind", "name", "definition", "examples", "extraction", "message"}
_EXTRACTION_KEYS = {"cues", "actor_types", "targets", "person_is_target"}
_MESSAGE_KEYS = {"requires", "weights", "threshold", "min_features"}


@dataclass(frozen=True)
class Feature:
    """A lexical feature of a message, with the patterns that find it."""

    id: str
    label: str
    description: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Cue:
    """A sentence pattern that reports a method's use, and how far a match is trusted."""

    pattern: re.Pattern[str]
    confidence: float


@dataclass(frozen=True, eq=False)
class MessageRule:
    """When a message resembles a method: required feature groups, weights, threshold."""

    requires: tuple[tuple[str, ...], ...]
    weights: dict[str, float]
    threshold: float
    min_features: int


@dataclass(frozen=True, eq=False)
class Method:
    """One documented method with its definition, examples, extraction cues and message rule."""

    id: str
    kind: str
    name: str
    definition: str
    examples: tuple[str, ...]
    cues: tuple[Cue, ...]
    actor_types: tuple[str, ...] = DEFAULT_ACTOR_TYPES
    targets: tuple[re.Pattern[str], ...] = ()
    person_is_target: bool = True
    message: MessageRule | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "definition": self.definition,
                "examples": list(self.examples)}


@dataclass
class Vocabulary:
    """Everything methods.json declares, after checking."""

    version: str
    features: dict[str, Feature] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    channels: tuple[str, ...] = ()
    investigators: tuple[str, ...] = ()
    targets: tuple[re.Pattern[str], ...] = ()
    skip_sentences: tuple[re.Pattern[str], ...] = ()


def load_vocabulary(extra: Path | str | None = None) -> Vocabulary:
    """The packaged vocabulary, extended by `extra` (default: the file named by SPYGLASS_METHODS)."""
    text = (resources.files("spyglass") / "model" / "methods.json").read_text(encoding="utf-8")
    vocabulary = Vocabulary(version="")
    _merge(vocabulary, _parse_json(text, "methods.json"), "methods.json", builtin=True)
    extra = extra if extra is not None else (os.environ.get(ENV_VAR) or None)
    if extra:
        try:
            extra_text = Path(extra).read_text(encoding="utf-8")
        except OSError as exc:
            raise ModelError(f"{ENV_VAR}: cannot read {extra}: {exc.strerror or exc}") from exc
        _merge(vocabulary, _parse_json(extra_text, str(extra)), str(extra), builtin=False)
        # Claims read with an extended vocabulary must not share ids with those read without it.
        vocabulary.version += "+" + hashlib.sha256(extra_text.encode("utf-8")).hexdigest()[:8]
    _check_references(vocabulary)
    return vocabulary


def _parse_json(text: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{origin}: expected a JSON object with 'features' and 'methods'")
    _check_keys(data, _TOP_KEYS, origin)
    return data


def _merge(vocabulary: Vocabulary, data: dict[str, Any], origin: str, builtin: bool) -> None:
    if builtin:
        vocabulary.version = _text(data, "version", origin)
    vocabulary.channels += tuple(_strings(data.get("channels", []), f"{origin}: channels"))
    vocabulary.investigators += tuple(_strings(data.get("investigators", []), f"{origin}: investigators"))
    vocabulary.targets += tuple(_compile(p, f"{origin}: targets", flags=0)
                                for p in _strings(data.get("targets", []), f"{origin}: targets"))
    vocabulary.skip_sentences += tuple(_compile(p, f"{origin}: skip_sentences")
                                       for p in _strings(data.get("skip_sentences", []), f"{origin}: skip_sentences"))
    features = data.get("features", {})
    if not isinstance(features, dict):
        raise ModelError(f"{origin}: 'features' must be an object of feature id -> feature")
    for feature_id, item in features.items():
        vocabulary.features[feature_id] = _feature(feature_id, item, f"{origin}: feature {feature_id!r}")
    methods = data.get("methods", [])
    if not isinstance(methods, list):
        raise ModelError(f"{origin}: 'methods' must be a list")
    seen: set[str] = set()
    for index, item in enumerate(methods):
        method = _method(item, f"{origin}: method #{index}")
        if method.id in seen:
            raise ModelError(f"{origin}: method {method.id!r} is declared twice")
        seen.add(method.id)
        vocabulary.methods[method.id] = method


def _feature(feature_id: str, item: Any, label: str) -> Feature:
    if not _ID.match(feature_id):
        raise ModelError(f"{label}: id must be lower case with underscores, e.g. 'private_channel'")
    if not isinstance(item, dict):
        raise ModelError(f"{label}: expected an object with label, description and patterns")
    _check_keys(item, {"label", "description", "patterns"}, label)
    patterns = _strings(item.get("patterns"), f"{label}: patterns", required=True)
    return Feature(feature_id, _text(item, "label", label), _text(item, "description", label),
                   tuple(_compile(p, label) for p in patterns))


def _method(item: Any, label: str) -> Method:
    if not isinstance(item, dict):
        raise ModelError(f"{label}: expected a JSON object")
    if isinstance(item.get("id"), str):
        label = label.rsplit(":", 1)[0] + f": method {item['id']!r}"
    _check_keys(item, _METHOD_KEYS, label)
    method_id = _text(item, "id", label)
    if not _ID.match(method_id):
        raise ModelError(f"{label}: id must be lower case with underscores, e.g. 'fake_recruiter'")
    kind = _text(item, "kind", label)
    if kind not in KINDS:
        raise ModelError(f"{label}: unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    extraction = item.get("extraction", {})
    if not isinstance(extraction, dict):
        raise ModelError(f"{label}: 'extraction' must be an object")
    _check_keys(extraction, _EXTRACTION_KEYS, f"{label}: extraction")
    cues = []
    for cue in extraction.get("cues", []):
        if not isinstance(cue, dict) or set(cue) != {"pattern", "confidence"}:
            raise ModelError(f"{label}: each cue is an object with 'pattern' and 'confidence'")
        confidence = cue["confidence"]
        if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
            raise ModelError(f"{label}: cue confidence must be a number in (0, 1], found {confidence!r}")
        cues.append(Cue(_compile(cue["pattern"], f"{label}: cue"), float(confidence)))
    actor_types = tuple(_strings(extraction.get("actor_types", list(DEFAULT_ACTOR_TYPES)), f"{label}: actor_types"))
    for kind_name in actor_types:
        if kind_name not in ENTITY_TYPES:
            raise ModelError(f"{label}: unknown actor type {kind_name!r}; expected entity types such as 'state_agency'")
    person_is_target = extraction.get("person_is_target", True)
    if not isinstance(person_is_target, bool):
        raise ModelError(f"{label}: person_is_target must be true or false")
    examples = tuple(_strings(item.get("examples"), f"{label}: examples", required=True))
    return Method(
        id=method_id, kind=kind, name=_text(item, "name", label), definition=_text(item, "definition", label),
        examples=examples, cues=tuple(cues), actor_types=actor_types,
        targets=tuple(_compile(p, f"{label}: targets", flags=0) for p in _strings(extraction.get("targets", []),
                                                                                  f"{label}: targets")),
        person_is_target=person_is_target, message=_message(item.get("message"), f"{label}: message"),
    )


def _message(item: Any, label: str) -> MessageRule | None:
    if item is None:
        return None
    if not isinstance(item, dict):
        raise ModelError(f"{label}: expected an object with requires, weights, threshold, min_features")
    _check_keys(item, _MESSAGE_KEYS, label)
    requires = item.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(g, list) and g and all(isinstance(f, str) for f in g)
                                                 for g in requires):
        raise ModelError(f"{label}: 'requires' must be a list of non-empty lists of feature ids")
    weights = item.get("weights")
    if not isinstance(weights, dict) or not weights or not all(
            isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights.values()):
        raise ModelError(f"{label}: 'weights' must map feature ids to numbers")
    threshold, min_features = item.get("threshold"), item.get("min_features", 1)
    if not isinstance(threshold, (int, float)) or threshold <= 0:
        raise ModelError(f"{label}: 'threshold' must be a positive number")
    if not isinstance(min_features, int) or min_features < 1:
        raise ModelError(f"{label}: 'min_features' must be a positive whole number")
    return MessageRule(tuple(tuple(g) for g in requires), {k: float(v) for k, v in weights.items()},
                       float(threshold), min_features)


def _check_references(vocabulary: Vocabulary) -> None:
    """Every feature a message rule names is declared, and every required feature carries weight."""
    for method in vocabulary.methods.values():
        rule = method.message
        if not method.cues and rule is None:
            raise ModelError(f"method {method.id!r}: has neither extraction cues nor a message rule")
        if rule is None:
            continue
        named = set(rule.weights) | {f for group in rule.requires for f in group}
        unknown = sorted(named - set(vocabulary.features))
        if unknown:
            raise ModelError(f"method {method.id!r}: unknown message features {', '.join(unknown)}; declare them "
                             f"under 'features'")
        for group in rule.requires:
            if not any(rule.weights.get(f, 0) > 0 for f in group):
                raise ModelError(f"method {method.id!r}: required features {', '.join(group)} carry no positive weight")


def _check_keys(item: dict[str, Any], allowed: set[str], label: str) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ModelError(f"{label}: unknown keys {', '.join(unknown)}; expected some of: {', '.join(sorted(allowed))}")


def _text(item: dict[str, Any], key: str, label: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{label}: {key!r} must be a non-empty string")
    return value


def _strings(value: Any, label: str, required: bool = False) -> list[str]:
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value) or (required and not value):
        raise ModelError(f"{label}: expected a {'non-empty ' if required else ''}list of strings")
    return value


def _compile(pattern: str, label: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ModelError(f"{label}: bad regular expression {pattern!r}: {exc}") from exc


VOCABULARY = load_vocabulary()
METHODS: dict[str, Method] = VOCABULARY.methods
FEATURES: dict[str, Feature] = VOCABULARY.features
METHODS_VERSION: str = VOCABULARY.version
