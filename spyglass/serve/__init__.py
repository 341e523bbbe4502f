"""The web app: a JSON API and server-rendered pages over one embedded store (`spyglass serve`)."""

from __future__ import annotations

from spyglass.serve.app import create_app

__all__ = ["create_app"]
