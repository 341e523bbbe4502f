"""Bytes to clean Unicode text: BOMs, UTF-16, Chinese and Windows code pages, mojibake, escapes."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import ftfy

from spyglass.model import Rejection

# Magic numbers of formats that are never an article, so we can say what the file is.
_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
# Encodings we trust charset-normalizer to choose among for news pages.
_CANDIDATES = ["utf_8", "gb18030", "big5", "cp1252", "latin_1", "shift_jis", "euc_kr", "cp1251", "iso8859_2"]
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Full-width punctuation is correct in Chinese text, and curly quotes are what the page printed.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC"
)


def decode(data: bytes, source: str, escapes: bool = True) -> str | Rejection:
    """Decode a file's bytes to NFC text with mojibake repaired, or say why it cannot be. With
    `escapes=False` literal `\\u2019` sequences are kept: in JSON lines they are valid escapes."""
    if not data.strip():
        return Rejection(source, "empty", "the file is empty or holds only whitespace")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return Rejection(source, "binary", f"this is {what}, not text or HTML")
    has_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in data[:4000] and not has_bom and not looks_utf16(data):
        return Rejection(source, "binary", "the file holds NUL bytes: it looks binary, not text")
    text = _decode_bytes(data)
    if text is None:
        return Rejection(source, "undecodable", "no text encoding fits these bytes (tried UTF-8/16, GB18030, Big5, Windows-1252)")
    if "\x00" in text or _share(text, _CONTROL) > 0.01:
        return Rejection(source, "binary", "the file holds control bytes: it looks binary, not text")
    if escapes:
        text = unescape_literal_escapes(text)
    text = fix_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if text.count("\ufffd") > max(3, len(text) // 200):
        return Rejection(source, "undecodable", "too many characters could not be decoded")
    return unicodedata.normalize("NFC", text)


def fix_text(text: str) -> str:
    """`ftfy.fix_text` as it works, a line at a time, without calling ftfy on lines it leaves as
    they are: plain ASCII with no HTML entity and no terminal escape (their carriage returns and
    control bytes are dealt with after, as for every line)."""
    config, out, pos = _FTFY, [], 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + config.max_decode_length)
        line = text[pos:end]
        if config.unescape_html == "auto" and "<" in line:  # ftfy stops unescaping after the first tag
            config = config._replace(unescape_html=False)
        plain = line.isascii() and "&" not in line and "\x1b" not in line
        out.append(line if plain else ftfy.fix_and_explain(line, config).text)
        pos = end
    return "".join(out)


def _decode_bytes(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if looks_utf16(data):
        return data.decode("utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None or best.encoding is None:
        return None
    if best.encoding in ("gb2312", "gbk"):  # GB18030 is the superset; decode with it
        return data.decode("gb18030", errors="replace")
    return str(best)


def looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-range text leaves every other byte zero (or with one)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:2000]
    if len(sample) < 4:
        return False
    zeros_odd, zeros_even = sample[1::2].count(0), sample[::2].count(0)
    half = len(sample) / 2
    return max(zeros_odd, zeros_even) > 0.4 * half and min(zeros_odd, zeros_even) < 0.05 * half


def unescape_literal_escapes(text: str) -> str:
    r"""Turn literal `\u2019` sequences (left by bad JSON handling upstream) into characters."""
    if "\\u" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        first = int(match.group(1), 16)
        if match.group(2):
            second = int(match.group(2), 16)
            if 0xD800 <= first < 0xDC00 and 0xDC00 <= second < 0xE000:
                return chr(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            return _char(first) + _char(second)
        return _char(first)

    return _ESCAPE.sub(replace, text)


def _char(code: int) -> str:
    return "\ufffd" if 0xD800 <= code < 0xE000 else chr(code)


def _share(text: str, pattern: re.Pattern[str]) -> float:
    return len(pattern.findall(text)) / max(1, len(text))
