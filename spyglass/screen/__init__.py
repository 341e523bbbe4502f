"""Screening: check a list of people and organisations against the graph (`match.screen_rows`)."""

from spyglass.screen.match import Candidate, ScreenResult, ScreenRow, screen_rows

__all__ = ["Candidate", "ScreenResult", "ScreenRow", "screen_rows"]
