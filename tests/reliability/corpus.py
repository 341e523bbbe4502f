"""The bad-input corpus: every kind of hostile or odd input the reliability suite feeds one batch.

Each kind writes its files (or special files: FIFOs, sockets, device links, names that are not
UTF-8) into a folder, or names a path to give as an argument, and says what must happen: stored
(and extracted), or rejected with a reason. Shared by tests/reliability and benchmarks/.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

STORED = "stored"


def article(n: int) -> str:
    """A short report, different for each `n`, long enough to be an article."""
    return (
        f"Investigators said the suspect met an intelligence officer from a foreign embassy at least {n + 2} times "
        f"and handed over copies of internal procurement plans for project {n} in exchange for cash payments.\n\n"
        f"The suspect, a {30 + n % 40}-year-old procurement clerk, was arrested last week and remains in custody. "
        "His lawyer declined to comment on the allegations against his client.\n"
    )


def html_page(n: int, head: str = "", title: str = "Clerk held") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article(n).split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


@dataclass
class Kind:
    """One kind of input: how to make it, and what must become of it."""

    name: str
    expect: str  # STORED or a rejection reason
    make: Callable[[Path, int], list[str]]  # (folder, n) -> paths to pass as arguments ([] = inside the folder)
    lines: dict[int, str] = field(default_factory=dict)  # JSON lines: line number -> expected outcome
    title: str | None = None  # the title a stored document must have
    published: str | None = "?"  # the publication day a stored document must have ("?" = not checked)
    arguments: list[str] = field(default_factory=list)  # what `write` gave ingest for this kind


def _file(name: str, data: bytes | Callable[[int], bytes]) -> Callable[[Path, int], list[str]]:
    def make(folder: Path, n: int) -> list[str]:
        (folder / name).write_bytes(data(n) if callable(data) else data)
        return []
    return make


def _text(name: str, text: Callable[[int], str], encoding: str = "utf-8") -> Callable[[Path, int], list[str]]:
    return _file(name, lambda n: text(n).encode(encoding))


def _jsonl(name: str, records: Callable[[int], list[object]]) -> Callable[[Path, int], list[str]]:
    def lines(n: int) -> bytes:
        return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records(n)).encode() + b"\n"
    return _file(name, lines)


def _fifo(name: str, as_argument: bool) -> Callable[[Path, int], list[str]]:
    def make(folder: Path, n: int) -> list[str]:
        where = folder / name
        os.mkfifo(where)
        return [str(where)] if as_argument else []
    return make


def _socket(folder: Path, n: int) -> list[str]:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "unix.sock"))
    sock.close()  # the socket file stays on disk
    return []


def _device_link(folder: Path, n: int) -> list[str]:
    (folder / "zero.txt").symlink_to("/dev/zero")
    return []


def _device_argument(folder: Path, n: int) -> list[str]:
    return ["/dev/zero"]


def _dangling(folder: Path, n: int) -> list[str]:
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return []


def _loop(folder: Path, n: int) -> list[str]:
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder / "loop")
    (folder / "loop" / "inside-loop.txt").write_text(article(n))
    return []


def _bad_name(folder: Path, n: int) -> list[str]:
    with open(os.fsencode(folder) + b"/caf\xe9-latin1-name.txt", "wb") as out:
        out.write(article(n).encode())
    return []


def _bad_folder_name(folder: Path, n: int) -> list[str]:
    sub = os.fsencode(folder) + b"/dir-\xff\xfe"
    os.mkdir(sub)
    with open(sub + b"/in-bad-folder.txt", "wb") as out:
        out.write(article(n).encode())
    return []


def _missing(folder: Path, n: int) -> list[str]:
    return [str(folder / "missing.txt")]


def _nested(depth: int) -> Callable[[int], str]:
    def page(n: int) -> str:
        paragraphs = "".join(f"<p>{p}</p>" for p in article(n).split("\n\n"))
        return ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth + paragraphs
                + "</div>" * depth + "</body></html>")
    return page


def _one_sentence_lines(n: int) -> str:
    rng = random.Random(n)
    words = "agent officer embassy clerk court plans payment meeting suspect station network source".split()
    return "\n".join(f"The {rng.choice(words)} met the {rng.choice(words)} on day {i}." for i in range(20_000)) + "\n"


def _long_document(n: int) -> str:
    paragraphs = article(n).split("\n\n")
    return paragraphs[0] + "\n" * 1_100_000 + "\n\n" + paragraphs[1]  # over spaCy's 1,000,000 characters


def _xhtml(encoding: str) -> Callable[[int], bytes]:
    def page(n: int) -> bytes:
        body = html_page(n, title="Clerk held in XHTML").replace("<!DOCTYPE html><html>",
                                                                "<html xmlns=\"http://www.w3.org/1999/xhtml\">")
        body = body.replace("Investigators", "Investigators café")
        return (f'<?xml version="1.0" encoding="{encoding}"?>\n' + body).encode(encoding)
    return page


def _stamp_page(stamp: str) -> Callable[[int], str]:
    return lambda n: html_page(n, head=f'<meta property="article:published_time" content="{stamp}">')


def kinds() -> list[Kind]:
    """Every kind, each with its own article text so none is a copy of another."""
    rng = random.Random(7)
    return [
        # the fifteen the batch test covered before
        Kind("empty", "empty", _file("empty.txt", b"")),
        Kind("blank", "empty", _file("blank.txt", b"  \n\n\t  \n")),
        Kind("png", "binary", _file("picture.html", b"\x89PNG\r\n\x1a\n" + bytes(200))),
        Kind("nul bytes", "binary", _file("nul.txt", b"some text\x00\x00\x01\x02 more" * 50)),
        Kind("gzip in .txt", "binary", _file("archive.txt", lambda n: gzip.compress(article(n).encode()))),
        Kind("pdf", "unsupported_format", _file("report.pdf", b"%PDF-1.7 ...")),
        Kind("over the size limit", "too_large", _text("huge.txt", lambda n: article(n) * 8000)),
        Kind("random high bytes", "undecodable",
             _file("garbage.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))),
        Kind("chrome only", "no_article", _file("chrome-only.html", b"<html><body><nav>Home | News</nav>"
                                                  b"<footer>(c) 2025 Example</footer></body></html>")),
        Kind("too short", "no_article", _file("too-short.txt", b"Spy arrested.")),
        Kind("not found", "not_found", _missing),
        Kind("bad JSON line", STORED, _jsonl("feed-bad-line.jsonl", lambda n: [
            {"title": "Feed story", "text": article(n)}, "{not json at all", {"title": "no body"}, ["a", "list"],
            "null", '"a string"', "[" * 100_000 + "]" * 100_000]),
             lines={1: STORED, 2: "malformed_json", 3: "missing_field", 4: "malformed_json", 5: "malformed_json",
                    6: "malformed_json", 7: "malformed_json"}),
        Kind("literal \\u escapes", STORED, _jsonl("escapes.jsonl", lambda n: [
            {"title": "Escapes", "text": article(n).replace("His lawyer", "The clerk\\u2019s lawyer")}])),
        Kind("UTF-16 with BOM", STORED, _file("utf16.txt", lambda n: codecs.BOM_UTF16_LE + article(n).encode("utf-16-le"))),
        Kind("UTF-16 without BOM", STORED, _file("utf16-nobom.txt", lambda n: article(n).encode("utf-16-le"))),
        # impossible timestamps
        Kind("hour 25 in a stamp", STORED, _text("stamp-25.html", _stamp_page("2024-03-05T25:00Z")), published="2024-03-05"),
        Kind("zone +99:99", STORED, _text("zone-99.html", _stamp_page("2024-03-05T10:00:00+99:99")), published="2024-03-05"),
        Kind("hour 24 in JSON published", STORED, _jsonl("hour-24.jsonl", lambda n: [
            {"title": "Hour 24", "published": "2024-03-05T24:00:00Z", "text": article(n)}]),
             lines={1: STORED}),
        Kind("February 30", STORED, _jsonl("feb-30.jsonl", lambda n: [
            {"title": "Feb 30", "published": "2024-02-30", "text": article(n)}]), lines={1: STORED}, published=None),
        Kind("published is a number", STORED, _jsonl("published-number.jsonl", lambda n: [
            {"title": "Number date", "published": 20240305, "url": ["not", "a", "string"], "text": article(n)}]),
             lines={1: STORED}, published=None),
        Kind("text is a number", "missing_field", _jsonl("text-number.jsonl", lambda n: [{"text": 12345}]),
             lines={1: "missing_field"}),
        # names and special files
        Kind("file name not UTF-8", STORED, _bad_name),
        Kind("folder name not UTF-8", STORED, _bad_folder_name),
        Kind("file name with a new line", STORED, _text("two\nlines.txt", article)),
        Kind("FIFO as an argument", "not_a_file", _fifo("pipe-arg.txt", as_argument=True)),
        Kind("FIFO in a folder", "not_a_file", _fifo("pipe.txt", as_argument=False)),
        Kind("unix socket", "not_a_file", _socket),
        Kind("link to a device", "not_a_file", _device_link),
        Kind("device as an argument", "not_a_file", _device_argument),
        Kind("dangling link", "not_found", _dangling),
        Kind("symlink loop", STORED, _loop),
        Kind("upper-case suffix", STORED, _text("UPPER.TXT", article)),
        Kind("unknown suffix", "unsupported_format", _text("notes.docx", article)),
        # markup
        Kind("XHTML with utf-8 declaration", STORED, _file("decl.xhtml", _xhtml("utf-8")), title="Clerk held in XHTML"),
        Kind("XHTML with latin-1 declaration", STORED, _file("decl-latin1.html", _xhtml("iso-8859-1")),
             title="Clerk held in XHTML"),
        Kind("nesting 300 deep", STORED, _text("deep-300.html", _nested(300))),
        Kind("nesting 5000 deep", STORED, _text("deep-5000.html", _nested(5000))),
        Kind("HTML in a .txt", STORED, _text("page-as-text.txt", lambda n: html_page(n, title="Clerk held as text")),
             title="Clerk held as text"),
        Kind("HTML without a suffix", STORED, _text("page-without-suffix", lambda n: html_page(n, title="No suffix")),
             title="No suffix"),
        Kind("unclosed tags", STORED, _text("unclosed.html", lambda n: "<html><body><div><p>" + article(n).replace(
            "\n\n", "<p><b><i>"))),
        Kind("script only", "no_article", _text("script.html", lambda n: "<html><body><script>var a = 1;</script>"
                                                 "</body></html>")),
        Kind("10,000 siblings", STORED, _text("siblings.html", lambda n: html_page(n).replace(
            "</article>", "</article>" + "<span>x</span>" * 10_000))),
        Kind("wrong charset in meta", STORED, _text("wrong-charset.html", lambda n: html_page(
            n, head='<meta charset="iso-8859-1">').replace("Investigators", "Investigators café"))),
        Kind("HTML in a JSON line", STORED, _jsonl("html-line.jsonl", lambda n: [
            {"html": html_page(n, head='<meta property="article:published_time" content="2024-01-01T99:99Z">')}]),
             lines={1: STORED}),
        # text shapes
        Kind("20,000 one-sentence lines", STORED, _text("one-liners.txt", _one_sentence_lines)),
        Kind("longer than spaCy takes", STORED, _text("long.txt", _long_document)),
        Kind("one line of 50,000 characters", STORED, _text("one-line.txt", lambda n: " ".join(
            [article(n).replace("\n", " ")] + [f"filler{i}." for i in range(5_000)]))),
        Kind("a 100,000-character word", STORED, _text("long-word.txt", lambda n: article(n) + "x" * 100_000 + "\n")),
        Kind("bidi and zero-width characters", STORED, _text("bidi.txt", lambda n: article(n).replace(
            "suspect", "sus\u200bpect\u202e", 1))),
        Kind("CRLF line ends and BOM", STORED, _file("crlf.txt", lambda n: codecs.BOM_UTF8 + article(n).replace(
            "\n", "\r\n").encode())),
        Kind("GB18030 Chinese", STORED, _text("gb.txt", lambda n: (
            f"国家安全机关依法对一名涉嫌为境外间谍情报机关窃取国家秘密的工程师采取刑事强制措施。该工程师在第{n}号项目中多次向境外人员提供内部资料，"
            "并收取报酬。办案人员表示，案件正在进一步侦办中，有关部门提醒公众提高警惕，发现可疑情况及时举报。") * 3, "gb18030")),
        Kind("Windows-1252", STORED, _text("cp1252.txt", lambda n: article(n).replace("lawyer", "lawyer’s café"), "cp1252")),
        Kind("JSON lines with BOM and CRLF", STORED, _file("bom.jsonl", lambda n: codecs.BOM_UTF8 + (
            json.dumps({"title": "BOM feed", "text": article(n)}) + "\r\n").encode()), lines={1: STORED}),
        Kind("JSON lines in Latin-1", STORED, _file("latin1.jsonl", lambda n: "\n".join(
            json.dumps({"title": f"Latin feed {k}", "text": article(n + 100 * k) + " café"}, ensure_ascii=False)
            for k in (1, 2)).encode("latin-1")), lines={1: STORED, 2: STORED}),
        Kind("JSON lines only blank", "empty", _file("blank.jsonl", b"\n\n   \n")),
    ]


def write(root: Path) -> tuple[list[Kind], list[str]]:
    """Write every kind under `root`, each in its own folder `kNN`; the kinds and the arguments to give
    one `spyglass ingest` (the folders, and the paths the argument kinds name)."""
    made = kinds()
    arguments: list[str] = []
    for n, kind in enumerate(made):
        folder = root / folder_name(n)
        folder.mkdir(parents=True)
        kind.arguments = kind.make(folder, n) or [str(folder)]
        arguments += kind.arguments
    return made, arguments


def folder_name(n: int) -> str:
    return f"k{n:02d}"


def kind_of(source: str, kinds_: list[Kind]) -> int | None:
    """Which kind a source (a path, or path:line) came from."""
    for n, kind in enumerate(kinds_):
        if f"/{folder_name(n)}/" in source or source in kind.arguments:
            return n
    return None
