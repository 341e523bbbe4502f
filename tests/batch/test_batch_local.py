"""The batch's pieces in one process: blocks as the store's Linker makes them, rows as the store
keeps them, refused inputs and failed documents as rejection rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.batch import same
from spyglass.batch.components import local_blocks
from spyglass.batch.inputs import order_key, source_name
from spyglass.batch.local_engine import run_local
from spyglass.batch.output import read_table
from spyglass.batch.progress import Progress
from spyglass.store import Store

ARTICLE = ("Prosecutors in Berlin charged Karl Vogt, a former clerk at the economy ministry, with spying for "
           "Russia's FSB on Tuesday. Vogt is accused of passing documents about energy policy to an officer "
           "between 2019 and 2021, the federal prosecutor's office said in a statement. He was arrested in March.\n")

KEYS = [  # doc, kind, key
    ("a", "word", "vogt"), ("b", "word", "vogt"),                        # a shared name word
    ("c", "initial", "k"), ("d", "word", "kowalski"), ("d", "first", "k"),  # an initial meets a word
    ("e", "word", "lindqvist"), ("e", "first", "l"),                       # a first letter alone: no initial
    ("f", "word", "lanz"), ("f", "first", "l"),
    ("g", "name", "annberg"), ("h", "window", "annberg"),                  # a name meets a body window
    ("i", "window", "pietersen"), ("j", "window", "pietersen"),            # windows alone link nothing
]
BLOCKS = {"a": "a", "b": "a", "c": "c", "d": "c", "e": "e", "f": "f", "g": "g", "h": "g", "i": "i", "j": "j"}


def key_rows() -> list[dict[str, str]]:
    return [{"doc_id": d, "kind": k, "key": v} for d, k, v in KEYS]


def test_blocks_follow_the_linker() -> None:
    assert local_blocks(sorted(BLOCKS), key_rows()) == BLOCKS


@pytest.mark.parametrize("arg, root, uri, expected", [
    ("docs", "/data/docs", "file:/data/docs/a/1.txt", "docs/a/1.txt"),
    ("docs/", "/data/docs", "file:///data/docs/2.txt", "docs/2.txt"),
    ("/data/one.txt", "/data/one.txt", "file:/data/one.txt", "/data/one.txt"),
    ("hdfs://nn/in", "hdfs://nn/in", "hdfs://nn/in/3.txt", "hdfs://nn/in/3.txt"),
])
def test_sources_are_named_as_the_local_walk_names_them(arg: str, root: str, uri: str, expected: str) -> None:
    assert source_name(arg, root, uri) == expected


def test_order_keys_sort_like_the_walk() -> None:
    paths = ["d/a-b.txt", "d/a/z.txt", "d/a.txt", "d/B.txt"]  # name by name, in byte order
    assert sorted(paths, key=lambda p: order_key(0, p)) == sorted(paths, key=lambda p: [c.encode() for c in p.split("/")])


def test_refused_inputs_and_failed_documents_are_rejection_rows(tmp_path: Path, monkeypatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "boom.txt").write_text(ARTICLE.replace("Tuesday", "Tuesday BOOM"), encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "table.csv").write_text("a,b\n", encoding="utf-8")
    import spyglass.run.local as local

    real = local.extract

    def failing(docs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        if any("BOOM" in d.text for d in docs):
            raise RuntimeError("the parser fell over")
        return real(docs)

    monkeypatch.setattr(local, "extract", failing)
    summary = run_local([str(inputs)], str(tmp_path / "out"), 5_000_000, Progress(quiet=True))
    rejections = {(Path(r["source"]).name, r["stage"], r["reason"]) for r in read_table(tmp_path / "out", "rejections")}
    assert rejections == {("boom.txt", "extract", "extraction_failed"), ("empty.txt", "read", "empty"),
                          ("table.csv", "read", "unsupported_format")}
    docs = {Path(r["source"]).name: r["extraction_status"] for r in read_table(tmp_path / "out", "documents")}
    assert docs == {"boom.txt": "failed", "good.txt": "done"}
    assert summary["rejected"] == {"empty": 1, "extraction_failed": 1, "unsupported_format": 1}
    assert summary["claims"] > 0


def test_local_batch_equals_ingest_and_loads(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "copy.txt").write_text(ARTICLE, encoding="utf-8")  # one document, two sources
    (inputs / "b.jsonl").write_text('{"url": "https://example.org/1", "title": "Clerk charged", "text": '
                                    + __import__("json").dumps(ARTICLE.replace("Berlin", "Munich")) + "}\n",
                                    encoding="utf-8")
    run_local([str(inputs)], str(tmp_path / "out"), 5_000_000, Progress(quiet=True))
    with Store(tmp_path / "ingest.db") as store:
        same.ingest_locally([str(inputs)], store)
        claims, cases = same.store_claims(store), same.store_cases(store)
    assert claims and cases
    assert same.batch_claims(tmp_path / "out") == claims
    assert same.batch_cases(tmp_path / "out") == cases
    from spyglass.batch.load import load

    with Store(tmp_path / "loaded.db") as store:
        summary = load(tmp_path / "out", store)
        assert (summary.documents, summary.new) == (2, 2)
        assert same.store_claims(store) == claims and same.store_cases(store) == cases
        assert store.count("sources") == 3
