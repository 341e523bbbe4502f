"""Ingest: read files, fix encodings, strip page chrome, find copies and pull quotes, read metadata."""
