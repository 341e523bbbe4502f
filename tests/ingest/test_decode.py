"""Encodings, mojibake and escapes: every input below must decode to the same text."""

import codecs

import pytest

from spyglass.ingest.decode import decode, unescape_literal_escapes
from spyglass.model import Rejection

ENGLISH = "The court’s verdict — “guilty” — was read in Zürich; the café owner’s résumé was naïve. " * 3
CHINESE = "国家安全部称，江苏省国家安全厅破获一起间谍案，涉案人员已被依法采取刑事强制措施。" * 3
TRADITIONAL = "國家安全局表示，破獲一起間諜案件。該案涉及外國情報機構人員。" * 3


@pytest.mark.parametrize(
    "data, expected",
    [
        (ENGLISH.encode("utf-8"), ENGLISH),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH),
        (ENGLISH.encode("utf-16"), ENGLISH),
        (ENGLISH.encode("utf-16-le"), ENGLISH),
        (ENGLISH.encode("cp1252"), ENGLISH),
        (CHINESE.encode("gb18030"), CHINESE),
        (CHINESE.encode("gbk"), CHINESE),
        (CHINESE.encode("utf-16"), CHINESE),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
        # UTF-8 read as Latin-1 and saved again: classic mojibake ("courtâ\x80\x99s")
        (ENGLISH.encode("utf-8").decode("latin-1").encode("utf-8"), ENGLISH),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1252", "gb18030", "gbk", "utf16-zh", "big5", "mojibake"],
)
def test_decodes_to_the_same_text(data: bytes, expected: str) -> None:
    assert decode(data, "x") == expected


def test_literal_unicode_escapes_are_repaired() -> None:
    assert decode(b"He said \\u201cno\\u201d and left the court\\u2019s room.", "x") == "He said “no” and left the court’s room."
    assert unescape_literal_escapes("emoji \\ud83d\\udd75 spy") == "emoji 🕵 spy"


def test_crlf_becomes_newline() -> None:
    assert decode(b"first line\r\nsecond line\r\n", "x") == "first line\nsecond line\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"%PDF-1.7 binary stuff", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_bytes_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    result = decode(data, "bad")
    assert isinstance(result, Rejection) and result.reason == reason and result.detail


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII line.\nAnother one, with no entity.\n",
        "Fish &amp; chips at the embassy.\nThe officer&#x2019;s badge\n",
        "<p>Tag first &amp; kept</p>\nthen &amp; later\n",
        "The court\u00e2\u0080\u0099s verdict\nplain line\n",
        "Colour \x1b[31mred\x1b[0m in a terminal\r\nnext\rlast",
        "Control\x01 byte and\x0b vertical tab\n" * 3,
        "no newline at the end &lt; here",
    ],
    ids=["ascii", "entities", "tag-then-entity", "mojibake-line", "terminal-escapes", "controls", "no-final-newline"],
)
def test_line_by_line_fixing_equals_ftfy(text):
    import ftfy

    from spyglass.ingest.decode import _CONTROL, _FTFY, fix_text

    def settled(fixed):
        return _CONTROL.sub("", fixed.replace("\r\n", "\n").replace("\r", "\n"))

    assert settled(fix_text(text)) == settled(ftfy.fix_text(text, config=_FTFY))
