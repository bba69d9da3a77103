"""Turning input bytes into text: binary refusal, size limit, encodings, HTML detection and extraction."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import stat
import zlib
from typing import IO

from ..rules.regex import compiled
from . import charsets
from .charsets import Decoded, InputError
from .source import Source

DEFAULT_MAX_BYTES = 50_000_000


def read_within(file: IO[bytes], max_bytes: int) -> bytes:
    """All of ``file``, within the size limit: a file larger than the limit is refused by its size
    before a byte is read, and a stream (a pipe, /dev/zero) once it passes the limit, so that no
    input is ever held in memory much past ``max_bytes``. A packed file counts as it is packed
    here (it unpacks to more); ``decompress`` limits what it unpacks to."""
    info = None
    with contextlib.suppress(OSError, ValueError):  # no file descriptor (a test's stdin)
        info = os.fstat(file.fileno())
    if info is not None and stat.S_ISREG(info.st_mode):
        check_size(info.st_size, max_bytes)
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(f"input is {size:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Decoded:
    """Text input to text (see ``charsets``), within the size limit."""
    check_size(len(data), max_bytes)
    return charsets.decode(data, encoding)


# ---------------------------------------------------------------------------------------- HTML
HTML_START = compiled(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                        re.IGNORECASE | re.DOTALL)
TAG = compiled(rb"<[a-zA-Z/!][^<>]{0,400}>")
META_CHARSET = compiled(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.IGNORECASE)
# A document that is mostly markup is HTML even without a doctype (a fragment, a saved <div>).
SNIFF_HTML_BYTES = 4096
MIN_TAGS = 5
MIN_MARKUP_SHARE = 0.3
# A page may open with a style block or server warnings: an <html>/<body> tag early on and its
# closing tag late in the file still make it a page.
OPEN_DOCUMENT_TAG = compiled(rb"<(html|body)[\s>]", re.IGNORECASE)
CLOSE_DOCUMENT_TAG = compiled(rb"</(html|body)\s*>", re.IGNORECASE)
SNIFF_DOCUMENT_BYTES = 65536


def looks_like_html(data: bytes) -> bool:
    """A doctype or html/head/body tag at the start, a head of the file that is mostly tags, or
    <html>/<body> tags opening near the start and closing near the end.

    Text that merely mentions a tag ("use <p> for paragraphs") stays text.
    """
    head = data[:SNIFF_HTML_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):  # sniff the characters, not the interleaved zero bytes
            head = head[: len(head) // 2 * 2].decode(encoding, "ignore").encode("utf-8")
    head = head.lstrip(codecs.BOM_UTF8)
    if HTML_START.match(head):
        return True
    tags = TAG.findall(head)
    if len(tags) >= MIN_TAGS and sum(map(len, tags)) >= MIN_MARKUP_SHARE * len(head.strip()):
        return True
    return bool(OPEN_DOCUMENT_TAG.search(data[:SNIFF_DOCUMENT_BYTES])
                and CLOSE_DOCUMENT_TAG.search(data[-SNIFF_DOCUMENT_BYTES:]))


def decode_html(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Decoded:
    """HTML bytes to text: BOM, then the page's own meta/http-equiv charset as a browser reads it,
    then detection."""
    check_size(len(data), max_bytes)
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return charsets.decode(data, encoding)
    declared = META_CHARSET.search(data[:SNIFF_HTML_BYTES * 4])
    if declared:
        decoded = charsets.decode_declared(data, declared.group(1).decode("ascii"))
        if decoded is not None:
            return decoded
    # Stray NUL bytes in a page that declared itself HTML are noise, not a sign of a binary file.
    return charsets.decode(data.replace(b"\x00", b""))


def load(data: bytes, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
         with_metadata: bool = False, encoding: str | None = None, markdown: bool = False) -> Source:
    """Bytes to plain text: gzip or zstd is unpacked, HTML is detected (or forced) and its article
    extracted with trafilatura (each line's Markdown too, when ``markdown``)."""
    data, compression = decompress(data, max_bytes)
    if input_format == "text" or (input_format == "auto" and not looks_like_html(data)):
        decoded = decode(data, max_bytes, encoding)
        source = Source(decoded.text)
    else:
        from .extraction import extract_html

        decoded = decode_html(data, max_bytes, encoding)
        source = extract_html(decoded.text, with_metadata, markdown)
    source.encoding, source.replaced, source.compression = decoded.encoding, decoded.replaced, compression
    return source


# ---------------------------------------------------------------------------------- compression
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
INFLATE_CHUNK_BYTES = 1 << 20


def decompress(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str | None]:
    """Unpack gzip or zstd input (known by its first bytes), never past ``max_bytes``: a small file
    that unpacks to gigabytes is refused as it grows, not after. Returns the bytes and "gzip",
    "zstd" or None."""
    if data.startswith(GZIP_MAGIC):
        return _gunzip(data, max_bytes), "gzip"
    if data.startswith(ZSTD_MAGIC):
        try:
            import zstandard
        except ImportError:
            raise InputError("zstd input needs the zstandard package: pip install 'newsclean[corpus]'") from None
        try:
            with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
                out = reader.read(max_bytes + 1)
        except zstandard.ZstdError as exc:
            raise InputError(f"not a valid zstd file ({exc})") from None
        if len(out) > max_bytes:
            raise _unpacks_too_large(max_bytes)
        return out, "zstd"
    return data, None


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    out = bytearray()
    while data:  # a gzip file may hold several members, one after another
        inflater = zlib.decompressobj(wbits=31)
        try:
            while data:
                out += inflater.decompress(data, INFLATE_CHUNK_BYTES)
                if len(out) > max_bytes:
                    raise _unpacks_too_large(max_bytes)
                data = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error as exc:
            raise InputError(f"not a valid gzip file ({exc})") from None
        if not inflater.eof:
            raise InputError("the gzip file is cut short")
        data = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


def _unpacks_too_large(max_bytes: int) -> InputError:
    return InputError(f"input unpacks to over {max_bytes:,} bytes, the limit (see --max-bytes)")


def compress(data: bytes, compression: str | None) -> bytes:
    """Pack output as its input was packed."""
    if compression == "gzip":
        import gzip

        return gzip.compress(data, mtime=0)
    if compression == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data
