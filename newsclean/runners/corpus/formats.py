"""Corpus shards in and out: JSONL (plain, gzip, zstd), Parquet, WARC and WET.

A shard is read as a stream of records (dicts), so a shard of any size is held one record, or
one Parquet batch, at a time. Its format comes from the file name and is checked against the
first bytes, so a mislabelled file is a clear error, not a shard of garbage. A shard is written
under a temporary name and renamed when complete: a killed run never leaves half a shard.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import pickle
import re
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ...files import TEMP_MARK, json_line
from ...inputs.charsets import SURROGATE
from ...inputs.sources import GZIP_MAGIC, ZSTD_MAGIC

# Name endings of each format; the first one of a kind is stripped to name the output shard.
SUFFIXES = {
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".jsonl.zst": "jsonl", ".parquet": "parquet",
    ".warc": "warc", ".warc.gz": "warc", ".warc.zst": "warc", ".wet": "wet", ".wet.gz": "wet", ".wet.zst": "wet",
}
PARQUET_MAGIC = b"PAR1"
PARQUET_BATCH_ROWS = 1000
# A bad record inside a WARC or JSONL shard is reported with at most this much of its error.
MAX_ERROR_CHARS = 200
# A JSONL line may be this much longer than twice the text limit (its other fields) before it is too large.
LINE_SLACK_BYTES = 1 << 20
# A line over the limit is skipped in pieces of this size, never held whole.
READ_CHUNK_BYTES = 1 << 20


class CorpusError(ValueError):
    """A shard that cannot be read as its name says (wrong format, corrupt, unreadable)."""


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the text, the id and the URL."""

    text: str = "text"
    id: str = "id"
    url: str = "url"


DEFAULT_FIELDS = Fields()


@dataclass
class Record:
    """One document of a shard: its fields, or why it could not be read."""

    fields: dict[str, Any]
    error: str = ""


def shard_format(path: Path) -> str | None:
    """The format a file's name says, or None when it names none we read."""
    name = path.name.lower()
    return next((kind for suffix, kind in sorted(SUFFIXES.items(), key=lambda s: -len(s[0]))
                 if name.endswith(suffix)), None)


def output_name(path: Path, out_format: str) -> str:
    """The output shard's name: the input's, its format suffix replaced."""
    name = path.name
    suffix = max((s for s in SUFFIXES if name.lower().endswith(s)), key=len)
    return name[: -len(suffix)] + (".parquet" if out_format == "parquet" else ".jsonl.gz")


def read_records(path: Path, fields: Fields = DEFAULT_FIELDS, max_bytes: int | None = None) -> Iterator[Record]:
    """The records of one shard, in order. A record over ``max_bytes`` (its JSONL line, its WARC
    payload) is a bad record, found before it is read into memory. A shard cut short or followed
    by garbage keeps the records before the break; the break is one bad record."""
    kind = shard_format(path)
    if kind is None:
        raise CorpusError(f"{path}: not a corpus shard (expected {', '.join(SUFFIXES)})")
    try:
        with path.open("rb") as raw:
            head = raw.read(8)
    except OSError as exc:
        raise CorpusError(f"{path}: {exc.strerror or exc}") from None
    if kind == "parquet":
        if head[:4] != PARQUET_MAGIC:
            raise CorpusError(f"{path}: not a Parquet file (no PAR1 magic)")
        yield from _parquet_records(path)
        return
    with _open_stream(path, head) as stream:
        first = stream.peek(8)[:8]
        if kind == "jsonl":
            if first.removeprefix(codecs.BOM_UTF8).lstrip()[:1] not in (b"{", b""):
                raise CorpusError(f"{path}: not JSONL (it does not start with a JSON object)")
            yield from _jsonl_records(path, stream, max_bytes)
            return
        if not first.startswith(b"WARC/"):
            raise CorpusError(f"{path}: not a {kind.upper()} file (no WARC/ header)")
    yield from _warc_records(path, kind, fields, max_bytes)


@contextmanager
def _open_stream(path: Path, head: bytes) -> Iterator[io.BufferedReader]:
    """The shard's bytes, decompressed by what its first bytes say (not by its name)."""
    raw = path.open("rb")
    try:
        if head.startswith(GZIP_MAGIC):
            stream: IO[bytes] = gzip.GzipFile(fileobj=raw)
        elif head.startswith(ZSTD_MAGIC):
            try:
                import zstandard
            except ImportError:
                raise CorpusError(f"{path}: zstd needs pip install 'newsclean[corpus]'") from None
            stream = zstandard.ZstdDecompressor().stream_reader(raw)
        else:
            stream = raw
        # GzipFile buffers itself: a buffer around it would read on into the next members, and a
        # corrupt one would hide the records before it.
        yield stream if isinstance(stream, (io.BufferedReader, gzip.GzipFile)) else io.BufferedReader(stream)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorpusError(f"{path}: {exc}") from None
    finally:
        raw.close()


def _jsonl_records(path: Path, stream: IO[bytes], max_bytes: int | None) -> Iterator[Record]:
    # A JSON line holds its text escaped: allow for that before calling a line too large.
    limit = 2 * max_bytes + LINE_SLACK_BYTES if max_bytes else -1
    number = 0
    try:
        while line := stream.readline(limit):
            number += 1
            if limit > 0 and len(line) >= limit and not line.endswith(b"\n"):
                while (rest := stream.readline(READ_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                    pass  # the rest of the line, read and dropped a chunk at a time
                yield Record({}, error=f"line {number}: over the size limit ({max_bytes:,} bytes of text)")
                continue
            if line.strip():
                yield _json_record(line, number)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip/zstd stream
        if not number:
            raise CorpusError(f"{path}: {exc}") from None
        yield Record({}, error=f"after line {number}: the shard is cut short or corrupt ({exc}); the rest is lost")


def _json_record(line: bytes, number: int) -> Record:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError too; nesting too deep
        return Record({}, error=f"line {number}: not JSON ({str(exc)[:MAX_ERROR_CHARS]})")
    if not isinstance(record, dict):
        return Record({}, error=f"line {number}: not a JSON object")
    return Record(record)


def _parquet_records(path: Path) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(path)
        twice = sorted({name for name in shard.schema_arrow.names if shard.schema_arrow.names.count(name) > 1})
        if twice:  # a record (a dict) would keep one of them
            raise CorpusError(f"{path}: more than one column named {', '.join(twice)}; rename them to clean this shard")
        for batch in shard.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for row in batch.to_pylist(maps_as_pydicts="strict"):
                yield Record(row)
    except (OSError, pa.ArrowException) as exc:  # a corrupt file
        raise CorpusError(f"{path}: {exc}") from None


def _warc_records(path: Path, kind: str, fields: Fields, max_bytes: int | None) -> Iterator[Record]:
    """HTML responses of a WARC (their pages extracted later, as `clean` does), or the text
    conversions of a WET. fastwarc opens and decompresses the file itself: twice as fast as
    reading it through Python's gzip. A record whose payload is shorter than its Content-Length
    says (a cut file) is a bad record, not a document cut mid-sentence.

    A record is given out once the next one is read: when what follows it is no record, its
    Content-Length may have lied (too small, and the rest of its content follows), and a record
    that does not end where its Content-Length says is a bad record too. Reading then goes on at
    the next record's start (the next gzip member, zstd frame or "WARC/1." line), past garbage
    or a corrupt gzip member."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.response if kind == "warc" else WarcRecordType.conversion
    with path.open("rb") as raw:
        packing = _packing(raw.read(4))
    count, start = 0, 0
    while True:
        last: tuple[int, int, Record | None] | None = None  # the last record read: where, its length, its record
        try:
            with path.open("rb") as raw:
                raw.seek(start)
                for rec in ArchiveIterator(raw if start else str(path), parse_http=kind == "warc", fsspec_args=False):
                    if last is not None and last[2] is not None:
                        yield last[2]
                    record = None
                    if rec.record_type == wanted:
                        count += 1
                        record = _warc_record(rec, count, kind, fields, max_bytes)
                    last = (rec.stream_pos, _block_length(rec), record)
            if last is not None and last[2] is not None:
                yield last[2]
            return
        except OSError as exc:
            if not count and start == 0 and last is None:
                raise CorpusError(f"{path}: {exc}") from None
            problem = str(exc)
        after = start if last is None else last[0]
        if last is not None and not (last[2] is not None and last[2].error) and \
                not _ends_as_said(path, last[0], last[1], packing):
            if last[2] is not None:
                fields_read = last[2].fields
                name = fields_read.get(fields.id) or f"record {count}"
                yield Record(fields_read, error=f"{name}: does not end where its Content-Length "
                                                f"({last[1]:,} bytes) says: a wrong length, record left out")
            problem = ""
        elif last is not None and last[2] is not None:
            yield last[2]
        start = _next_start(path, after + 1, packing)
        if start is None:
            if problem or last is None:
                yield Record({}, error=f"after record {count}: {problem or 'no record follows'} (garbage or a cut "
                                       "file); the rest is lost")
            return
        if problem:
            yield Record({}, error=f"after record {count}: {problem}; read on from the next record, at byte {start:,}")


def _warc_record(rec: Any, count: int, kind: str, fields: Fields, max_bytes: int | None) -> Record | None:
    """One WARC record as a Record (None for a response that is no HTML page)."""
    if kind == "warc" and "html" not in (rec.http_content_type or "").lower():
        return None
    headers = rec.headers
    out = {fields.id: headers.get("WARC-Record-ID", ""), fields.url: headers.get("WARC-Target-URI", ""),
           "date": headers.get("WARC-Date", "")}
    name = out[fields.id] or f"record {count}"
    if max_bytes and rec.content_length > max_bytes:
        return Record(out, error=f"{name}: {rec.content_length:,} bytes, over the limit of {max_bytes:,}")
    payload = rec.reader.read()
    if len(payload) < rec.content_length:
        return Record(out, error=f"{name}: cut short ({len(payload):,} of {rec.content_length:,} bytes)")
    out[fields.text] = payload
    return Record(out)


def _block_length(rec: Any) -> int:
    """The record's Content-Length as its header says (fastwarc's counts the HTTP body only); -1 if none."""
    try:
        return int(rec.headers.get("Content-Length", "-1"))
    except ValueError:
        return -1


# Where a WARC's next record can start, by how the file is packed: each record its own gzip member
# or zstd frame, as crawls write them, or a "WARC/1.x" line in a plain file.
RECORD_STARTS = {"gzip": GZIP_MAGIC + b"\x08", "zstd": ZSTD_MAGIC, "": b"WARC/1."}
WARC_MAX_HEADER_BYTES = 1 << 20


def _packing(head: bytes) -> str:
    return "gzip" if head.startswith(GZIP_MAGIC) else "zstd" if head.startswith(ZSTD_MAGIC) else ""


def _unpacked(raw: IO[bytes], packing: str) -> Iterator[bytes]:
    """The bytes from ``raw``'s place on, unpacked: one gzip member or zstd frame, else as they are
    (nothing more once they cannot be unpacked)."""
    if packing == "zstd":
        import zstandard

        unpacker: Any = zstandard.ZstdDecompressor().decompressobj()
    elif packing == "gzip":
        unpacker = zlib.decompressobj(wbits=31)
    while chunk := raw.read(READ_CHUNK_BYTES):
        if not packing:
            yield chunk
            continue
        try:
            yield unpacker.decompress(chunk)
        except Exception:  # zlib.error, zstandard.ZstdError: corrupt
            return
        if unpacker.eof:
            return


def _ends_as_said(path: Path, start: int, content_length: int, packing: str) -> bool:
    """Whether the WARC record at ``start`` ends where its Content-Length says, with the two line
    breaks that close a record. (A record that cannot be found there, as in a file packed as one
    gzip stream, is taken at its word.)"""
    got, offset, end = b"", 0, -1  # got: unpacked bytes from ``offset`` in the record on
    with path.open("rb") as raw:
        raw.seek(start)
        for chunk in _unpacked(raw, packing):
            got += chunk
            if end < 0:
                if not b"WARC/".startswith(got[:5]):
                    return True
                header = got.find(b"\r\n\r\n")
                if header < 0:
                    if len(got) > WARC_MAX_HEADER_BYTES:
                        return True
                    continue
                if content_length < 0:
                    return False
                end = header + 4 + content_length
            if offset + len(got) >= end + 4:
                return got[end - offset:end - offset + 4] == b"\r\n\r\n"
            drop = min(len(got), end - offset)
            got, offset = got[drop:], offset + drop
    return end < 0


def _next_start(path: Path, at: int, packing: str) -> int | None:
    """Where the first WARC record at or after byte ``at`` starts, or None when none does."""
    mark = RECORD_STARTS[packing]
    with path.open("rb") as raw:
        raw.seek(at)
        tail, offset = b"", at
        while chunk := raw.read(READ_CHUNK_BYTES):
            data = tail + chunk
            found = data.find(mark)
            while found >= 0:
                candidate = offset + found
                if _is_record_start(path, candidate, packing) and (packing or candidate == 0 or data[found - 1:found]
                                                                   in (b"\n", b"")):
                    return candidate
                found = data.find(mark, found + 1)
            tail, offset = data[-(len(mark) - 1):], offset + len(data) - (len(mark) - 1)
    return None


def _is_record_start(path: Path, at: int, packing: str) -> bool:
    with path.open("rb") as raw:
        raw.seek(at)
        return next(_unpacked(raw, packing), b"").startswith(b"WARC/") if packing else True


class ShardWriter:
    """Output records of one shard, written under a temporary name and renamed by ``commit``.

    Parquet needs one schema before the first row is written, and a field may first appear (or
    first be non-null) in the shard's last record: rows are spooled to a temporary file, and the
    schema is the input Parquet's own (``schema``) or the one unified over every batch of the shard.
    """

    def __init__(self, target: Path, out_format: str, schema: Any = None) -> None:
        self.target = target
        self.format = out_format
        # Unique per attempt: a shard redone after a killed worker never shares a file with it.
        self.temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{TEMP_MARK}")
        self._schema = schema
        self._schemas: list[Any] = []  # each spooled batch's own schema
        self._ours: set[str] = set()  # the fields newsclean's accounts went in
        self._theirs: set[str] = set()  # the records' own fields named as an account is (newsclean, newsclean_2…)
        self._rows: list[dict[str, Any]] = []
        self._spool: IO[bytes] | None = None
        self._file: IO[bytes] | None = None
        target.parent.mkdir(parents=True, exist_ok=True)
        if out_format == "jsonl":
            self._file = gzip.open(self.temp, "wb", compresslevel=6)  # noqa: SIM115 (closed by commit or abort)
        else:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by commit or abort)

    def write(self, record: dict[str, Any], account: str = "newsclean") -> None:
        """Write one record, whose field ``account`` holds newsclean's account of it."""
        if self._file is not None:
            self._file.write(json_line(record).encode("utf-8"))  # a lone surrogate escaped, read back exactly
            return
        self._rows.append(without_surrogates(record) if holds_surrogate(record) else record)  # Parquet holds UTF-8
        self._ours.add(account)
        self._theirs.update(name for name in record if name != account and INFO_FIELD.match(name))
        if len(self._rows) >= PARQUET_BATCH_ROWS:
            self._spill()

    def _spill(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        assert self._spool is not None
        if self._schema is None:
            columns = dict.fromkeys(name for row in self._rows for name in row)  # from_pylist sees row 1's only
            try:
                self._schemas.append(pa.Table.from_pydict({c: [r.get(c) for r in self._rows] for c in columns}).schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise self._unfit("records differ in the types of their fields", exc) from None
        pickle.dump(self._rows, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
        self._rows = []

    def _output_schema(self) -> Any:
        import pyarrow as pa

        both = sorted(self._ours & self._theirs)
        if both:  # one column cannot hold the records' own values and newsclean's accounts
            raise self._unfit(f"field {both[0]} is newsclean's account in some records and the records' own in others")
        if self._schema is not None:
            return _with_info_type(self._schema, self._ours)
        try:
            return _with_info_type(pa.unify_schemas(self._schemas, promote_options="permissive"), self._ours)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise self._unfit("records differ in the types of their fields", exc) from None

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._spill()
        assert self._spool is not None
        if not self._schemas and self._schema is None:  # a shard with no records is still an (empty) shard
            pq.write_table(pa.table({}), self.temp)
            return
        schema = self._output_schema()
        self._spool.seek(0)
        with pq.ParquetWriter(self.temp, schema) as out:
            while True:
                try:
                    rows = pickle.load(self._spool)
                except EOFError:
                    break
                try:
                    out.write_table(pa.Table.from_pylist(rows, schema=schema))
                except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                    raise self._unfit("a record does not fit the shard's schema", exc) from None

    def _unfit(self, what: str, exc: Exception | None = None) -> CorpusError:
        because = f" ({exc})" if exc else ""
        return CorpusError(f"{self.target.name}: {what}{because}; write JSONL instead (--format jsonl)")

    def commit(self) -> None:
        """Finish the file and give it its name."""
        if self._spool is not None:
            self._write_parquet()
            self._spool.close()
        elif self._file is not None:
            self._file.close()
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        for closing in (self._file, self._spool):
            try:
                if closing is not None:
                    closing.close()
            except Exception:  # the file goes anyway
                pass
        if self.temp.exists():
            self.temp.unlink()


def holds_surrogate(value: Any) -> bool:
    """Whether a string in ``value`` (a record, a field, nested ones and their keys) holds a lone
    surrogate, as JSON's "\\ud800" gives: no UTF-8 file can hold it as it is."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.items())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def without_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate in its strings (and keys) replaced by U+FFFD."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_surrogates(v) for v in value]
    return value


def info_field(record: dict[str, Any]) -> str:
    """The field newsclean's account of a record goes in: ``newsclean``, or when the record has one
    already (a shard cleaned before), the first free ``newsclean_2``, ``newsclean_3``…"""
    if "newsclean" not in record:
        return "newsclean"
    n = 2
    while f"newsclean_{n}" in record:
        n += 1
    return f"newsclean_{n}"


INFO_FIELD = re.compile(r"^newsclean(_\d+)?$")


def _with_info_type(schema: Any, ours: set[str]) -> Any:
    """newsclean's fields (``ours``) with fixed types (a map of drops per filter: which filters drop
    lines varies from record to record, and an inferred struct would keep only the first ones); a
    field of the records' own keeps its type, whatever its name."""
    import pyarrow as pa

    dropped = pa.struct([("line", pa.int64()), ("text", pa.string()), ("filter", pa.string()),
                         ("reason", pa.string()), ("detail", pa.string())])
    info = pa.struct([("lines_in", pa.int64()), ("lines_out", pa.int64()), ("drops", pa.map_(pa.string(), pa.int64())),
                      ("dropped", pa.list_(dropped)), ("error", pa.string())])
    for at, column in enumerate(schema):
        if column.name in ours:
            schema = schema.set(at, pa.field(column.name, info))
    return schema


def read_output(path: Path) -> Iterator[dict[str, Any]]:
    """The records of an output shard (JSONL gzip or Parquet), for users and tests."""
    if path.name.endswith(".parquet"):
        for record in _parquet_records(path):
            yield record.fields
        return
    with gzip.open(path, "rb") as stream:
        for line in stream:
            yield json.loads(line)
