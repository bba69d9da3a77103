"""Turning input bytes into text: binary refusal, size limit, encoding detection."""

from __future__ import annotations

import codecs

DEFAULT_MAX_BYTES = 50_000_000
# NUL bytes never occur in text in single-byte encodings or UTF-8; UTF-16/32 announce themselves by BOM.
SNIFF_BYTES = 8192


class InputError(ValueError):
    """Input that cannot be cleaned: binary, undecodable, or too large."""


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode input bytes: BOM, then UTF-8, then a detected encoding (charset_normalizer)."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"input starts with a {encoding} byte-order mark but is not {encoding}") from None
    if b"\x00" in data:
        raise InputError("input looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the text encoding of the input (it may be binary)")
    return str(best)
