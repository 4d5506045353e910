"""Which encoding a file is in, told by its first bytes: a byte order mark decides, else UTF-8,
else Windows-1252 (cp1252) when the sample is mostly not UTF-8."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .rows import CsvFormatError

_ESCAPED = re.compile("[\udc80-\udcff]")
"""Bytes that did not decode (``surrogateescape``)."""
_DECODED = re.compile("[^\x00-\x7f\udc80-\udcff]")
"""Characters beyond ASCII that did decode."""


@dataclass(frozen=True, slots=True)
class Encoding:
    """An encoding: its name for people (and Python), its codec, its byte order mark."""

    name: str
    codec: str
    bom: bytes = b""

    @property
    def wide(self) -> bool:
        """Whether a character takes two or four bytes (lines cannot be split at b"\\n")."""
        return self.codec.startswith(("utf-16", "utf-32"))


UTF_8 = Encoding("UTF-8", "utf-8")
WINDOWS_1252 = Encoding("Windows-1252", "cp1252")
_MARKED = (
    Encoding("UTF-8", "utf-8", codecs.BOM_UTF8),
    Encoding("UTF-32 LE", "utf-32-le", codecs.BOM_UTF32_LE),  # before UTF-16 LE: same start
    Encoding("UTF-32 BE", "utf-32-be", codecs.BOM_UTF32_BE),
    Encoding("UTF-16 LE", "utf-16-le", codecs.BOM_UTF16_LE),
    Encoding("UTF-16 BE", "utf-16-be", codecs.BOM_UTF16_BE),
)


def sniff_encoding(sample: bytes, whole: bool) -> Encoding:
    """The encoding of a file that begins with ``sample`` (``whole``: all of it);
    ``CsvFormatError`` when it is empty or not text.

    UTF-8 unless the sample has more bytes that do not decode than characters beyond ASCII
    that do: then one bad line in a UTF-8 file is read as it is (and fails alone), while a
    file written in Windows-1252 is read as such.
    """
    for encoding in _MARKED:
        if sample.startswith(encoding.bom):
            if not sample[len(encoding.bom) :].decode(encoding.codec, "replace").strip():
                raise CsvFormatError("the file is empty")
            return encoding
    if not sample.strip():
        raise CsvFormatError("the file is empty")
    if b"\x00" in sample:
        raise CsvFormatError("this is not a text file (it contains NUL bytes)")
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    text = decoder.decode(sample, final=whole)  # a character cut by the sample's end waits
    bad = len(_ESCAPED.findall(text))
    if not bad or len(_DECODED.findall(text)) >= bad:
        return UTF_8
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        raise CsvFormatError(
            "the file is not text in UTF-8 or Windows-1252; save it from the spreadsheet as "
            "CSV UTF-8"
        ) from None
    return WINDOWS_1252
