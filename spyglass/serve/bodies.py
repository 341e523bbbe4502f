"""The request bodies of the API, declared once: FastAPI validates every request with these models
and the OpenAPI spec shows the same ones, so a body the spec does not allow gets 422, never 500."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Text = Field(min_length=1, max_length=10_000)


class ScreenRowBody(BaseModel):
    """One name to screen. Usual column spellings are accepted (`full_name`, `nationality`, `dob`, ...);
    other keys are echoed back with the result."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"example": {"name": "Wen Haoyu", "country": "China"}})

    name: str = Field(min_length=1, max_length=500, description="a person's or organisation's name")
    kind: str | None = Field(None, max_length=50, description="person or organization (both when absent)")
    country: str | None = Field(None, max_length=200)
    birth_year: int | str | None = Field(None, description="a year such as 1980, or a date such as 1980-04-02")
    context: str | None = Field(None, max_length=5_000, description="words about the person: employer, field")

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        from spyglass.screen.match import row_from_dict

        if not isinstance(data, dict):
            raise ValueError('a row is an object such as {"name": "Ann Lee", "country": "China"}')
        odd = [str(k) for k, v in data.items() if v is not None and not isinstance(v, (str, int, float, bool))]
        if odd:
            raise ValueError(f"{', '.join(odd)}: each value of a row is text or a number")
        row = row_from_dict(data)  # its ValueError (no name, a birth year that is no year) becomes a 422
        return {**data, "name": row.name}


class ScreenBody(BaseModel):
    """Names to screen against the graph."""

    rows: list[ScreenRowBody] = Field(min_length=1, max_length=1000)


class JudgementBody(BaseModel):
    """An analyst judgement, recorded append-only with who made it."""

    model_config = ConfigDict(json_schema_extra={"example": {"kind": "merge", "target": "Ann Lee",
                                                             "value": "Lee Ann", "by": "analyst"}})

    kind: Literal["merge", "split", "wrong_claim", "choose"]
    target: str = Field(min_length=1, max_length=10_000, description="a case name, or a claim's key")
    value: str | None = Field(None, max_length=10_000, description="the other name, or FIELD=VALUE for choose")
    by: str = Field(min_length=1, max_length=200, description="who makes the judgement")
    note: str | None = Field(None, max_length=10_000)

    @field_validator("target", "by")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class MessageBody(BaseModel):
    """A message someone received, to compare with documented tradecraft."""

    model_config = ConfigDict(json_schema_extra={"example": {"text": "Dear Dr X, ..."}})

    text: str = Field(min_length=1, max_length=100_000, description="the message, as received")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the message is blank; paste the text you received")
        return value
