"""Read a batch's inputs: folders and files as `spyglass ingest` reads them, and Parquet tables of
articles. Each article comes with an order key (input, path, line) so that the first copy of a
document wins in one process and in Spark alike.

The bytes of a file are judged by the ingest readers themselves (`ingest.sources`); this module
only gives them bytes that came from a local walk or from Spark's `binaryFile` reader.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

from spyglass.ingest.decode import looks_utf16, unescape_literal_escapes
from spyglass.ingest.feed import FIELDS
from spyglass.ingest.sources import FORMATS, RawInput, _from_bytes, _sniff_bytes, _stream_feed, read_inputs
from spyglass.model import Rejection, content_hash

Item = tuple[str, RawInput | Rejection]  # (order key, article or why it was refused)


def is_parquet(path: str) -> bool:
    return path.rstrip("/").lower().endswith(".parquet")


def order_key(arg: int, path: str, line: int | str = 0) -> str:
    """Sorts like the local walk: by input, then path component by component, then line."""
    parts = "\x00".join(p for p in path.split("/") if p)
    return f"{arg:06d}\x01{parts}\x01{line:0>12}"


def local_items(paths: list[str], max_bytes: int) -> Iterator[Item]:
    """Every article under `paths` read in this process (Parquet through pyarrow)."""
    for arg, path in enumerate(paths):
        if is_parquet(path):
            yield from _parquet_local(arg, path, max_bytes)
            continue
        for n, item in enumerate(read_inputs([path], max_bytes)):
            yield f"{arg:06d}\x01{n:012d}", item


def file_items(arg: int, source: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """The articles in one file's bytes, judged as `ingest.sources` judges a file it opened."""
    suffix = Path(source).suffix.lower()
    if suffix and suffix not in FORMATS:
        yield order_key(arg, source), Rejection(source, "unsupported_format",
                                                f"{suffix} files are not read; give .txt, .html, .htm or .jsonl")
        return
    if len(data) > max_bytes and FORMATS.get(suffix) != "jsonl":
        yield order_key(arg, source), Rejection(
            source, "too_large", f"{len(data)} bytes is over the limit of {max_bytes} (SPYGLASS_MAX_BYTES or --max-bytes)")
        return
    head = data[:4096]
    if (FORMATS.get(suffix) == "jsonl" or (not suffix and _sniff_bytes(head) == "jsonl")) and not looks_utf16(head):
        for item in _stream_feed(source, iter(data.splitlines(keepends=True))):
            line = (item.source if isinstance(item, RawInput) else item.source).rsplit(":", 1)[-1]
            yield order_key(arg, source, line if line.isdigit() else 0), item
        return
    for item in _from_bytes(source, data, FORMATS.get(suffix), max_bytes):
        yield order_key(arg, source), item


def source_name(arg_path: str, root: str, uri: str) -> str:
    """A file Spark found, named as the local walk names it: the argument as given, then the path
    below it. Files on other file systems keep their URI."""
    if not uri.startswith("file:"):
        return uri
    local = "/" + uri[len("file:"):].lstrip("/")
    rel = os.path.relpath(local, root)
    return str(Path(arg_path)) if rel == "." else str(Path(arg_path) / rel)


def parquet_article(arg: int, file: str, record: dict[str, Any], max_bytes: int) -> Item:
    """One row of a Parquet table of articles (url, title, publisher, published, author, language,
    text or html). Its source is its url, else the file and a hash of the row."""
    body, fmt = record.get("html"), "html"
    if not isinstance(body, str) or not body.strip():
        body, fmt = record.get("text"), "txt"
    given = {k: record[k] for k in FIELDS if isinstance(record.get(k), str) and record[k].strip()}
    source = given.get("url") or f"{file}#{content_hash(record.get('title'), body)[:12]}"
    key = order_key(arg, file) + "\x01" + source
    if not isinstance(body, str) or not body.strip():
        return key, Rejection(source, "missing_field", "the row has neither a non-empty 'text' nor 'html' field")
    if len(body.encode("utf-8")) > max_bytes:
        return key, Rejection(source, "too_large", f"the row's text is over the limit of {max_bytes} bytes")
    return key, RawInput(source, unescape_literal_escapes(body), fmt, given)


def _parquet_local(arg: int, path: str, max_bytes: int) -> Iterator[Item]:
    import pyarrow.dataset as ds

    for fragment in ds.dataset(path, format="parquet").get_fragments():
        for batch in fragment.to_batches():
            for record in batch.to_pylist():
                yield parquet_article(arg, fragment.path, record, max_bytes)
