"""Site memory: what a site's pages share, remembered across runs.

Cleaning one article at a time through a pipe never sees the strongest evidence there is: a line
that recurs under every article of a site is the site's template. The memory keeps, per site,
the line hashes of the last documents seen (``sites.hashing.line_hash``: 64-bit, never the text)
in one SQLite file, so that each clean can count in how many of them a line occurs, as a
``batch`` run counts within its folder.

A document is remembered under a key (its URL, or its path in a batch): cleaning it again
replaces what was remembered of it, so a page fetched twice does not count twice. Only the last
``docs_per_site`` documents of a site are kept. Several processes may share one file: it is in
WAL mode, and each document is counted and recorded in one short write transaction, so no count
is lost. A memory that cannot be used (corrupt, locked too long, unwritable) raises
``MemoryUnavailable``; callers warn and clean without it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# SQLite's C module itself: the sqlite3 package around it only adds date adapters we do not use,
# and its import is a millisecond of the five a single clean with --remember may cost.
try:
    import _sqlite3 as sqlite3
except ImportError:  # a Python whose SQLite module is not built that way
    import sqlite3

from .hashing import hash64

# Documents kept per site: enough to see a template many times, few enough that a site that
# changes its template forgets the old one.
DOCS_PER_SITE = 100
# How long a process waits for another's write before giving up on the memory (a write takes
# milliseconds).
BUSY_TIMEOUT_SECONDS = 10.0
# The largest number of values one SQL statement is given (SQLite's default limit is 32,766).
MAX_VARIABLES = 900
SCHEMA = """
CREATE TABLE IF NOT EXISTS sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, site INTEGER NOT NULL, key INTEGER NOT NULL,
                                      seen REAL NOT NULL, UNIQUE (site, key));
CREATE TABLE IF NOT EXISTS lines (site INTEGER NOT NULL, hash INTEGER NOT NULL, document INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lines_by_hash ON lines (site, hash);
CREATE INDEX IF NOT EXISTS lines_by_document ON lines (document);
"""
SCHEMA_NAMES = {"sites", "documents", "lines", "lines_by_hash", "lines_by_document"}


class MemoryUnavailable(Exception):
    """The memory file cannot be used; the clean goes on without it."""


class SiteSummary:
    """A remembered site: its documents, their line hashes, and when the last was seen (epoch seconds)."""

    __slots__ = ("documents", "last_seen", "lines", "site")

    def __init__(self, site: str, documents: int, lines: int, last_seen: float) -> None:
        self.site, self.documents, self.lines, self.last_seen = site, documents, lines, last_seen

    def as_dict(self) -> dict[str, str | int | float]:
        return {"site": self.site, "documents": self.documents, "lines": self.lines, "last_seen": self.last_seen}


def default_path() -> Path:
    """``$NEWSCLEAN_MEMORY``, else ``memory.sqlite`` in the user's data folder."""
    if explicit := os.environ.get("NEWSCLEAN_MEMORY"):
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "newsclean" / "memory.sqlite"


def document_key(name: str) -> int:
    """A document's key (its URL or path) as a signed 64-bit integer, the way SQLite stores it."""
    return _signed(hash64(name.encode("utf-8", "surrogatepass")))


def _storable(site: str) -> str:
    """A site's name as SQLite can store it, as text: bytes of a host or folder name that are not
    UTF-8 (which Python holds as lone surrogates) written as ``\\xff``, readable in ``newsclean memory``."""
    try:
        raw = site.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (from JSON's \\ud800)
        raw = site.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


class SiteMemory:
    """One memory file. Open it once and use it for many documents; it is closed on exit."""

    def __init__(self, path: str | Path | None = None, docs_per_site: int = DOCS_PER_SITE) -> None:
        if docs_per_site < 1:
            raise ValueError("a site memory keeps at least one document per site")
        self.path = Path(path) if path is not None else default_path()
        self.docs_per_site = docs_per_site
        self._db: sqlite3.Connection | None = None

    def recall(self, site: str, key: str, record: bool = True,
               on_error: Callable[[MemoryUnavailable], None] | None = None) -> Callable[[set[int]], dict[int, int]]:
        """What the site filter asks, for one document (``SiteCounts.recall``): given its line
        hashes, in how many of ``site``'s remembered documents each occurs; with ``record``, the
        document is then remembered under ``key`` (``newsclean diff`` only looks). A memory that
        fails raises MemoryUnavailable, or with ``on_error`` is reported to it and counts nothing."""

        def recall(hashes: set[int]) -> dict[int, int]:
            try:
                return self.observe(site, key, hashes) if record else self.count(site, hashes, key)
            except MemoryUnavailable as exc:
                if on_error is None:
                    raise
                on_error(exc)
                return {}

        return recall

    def count(self, site: str, hashes: Iterable[int], key: str | None = None) -> dict[int, int]:
        """In how many remembered documents of ``site`` each of ``hashes`` occurs (hashes in none
        are left out), not counting the document remembered under ``key``."""
        with self._transaction(write=False) as db:
            return self._count(db, site, set(hashes), key)

    def observe(self, site: str, key: str, hashes: Iterable[int]) -> dict[int, int]:
        """Count ``hashes`` (as ``count``) and remember them as document ``key`` of ``site``, in
        one transaction: two processes observing at once both count each other or neither."""
        hashes = set(hashes)
        with self._transaction(write=True) as db:
            counts = self._count(db, site, hashes, key)
            self._remember(db, site, key, hashes)
        return counts

    def exchange(self, site: str, documents: Iterable[tuple[str, Iterable[int]]],
                 held: Iterable[str] = ()) -> dict[int, int]:
        """Every remembered line hash of ``site`` with its document count, leaving out the
        documents a run counts itself (``documents`` and the other keys it ``held``); then
        ``documents`` are remembered. One transaction, as ``observe`` is for one document."""
        documents = [(key, set(hashes)) for key, hashes in documents]
        left_out = {document_key(k) for k in held} | {document_key(key) for key, _ in documents}
        with self._transaction(write=True) as db:
            counts: dict[int, int] = {}
            site_id = self._site_id(db, site, create=False)
            if site_id is not None:
                rows = db.execute("SELECT l.hash, d.key FROM lines l JOIN documents d ON d.id = l.document "
                                  "WHERE l.site = ?", (site_id,))
                for h, doc in rows:
                    if doc not in left_out:
                        counts[_unsigned(h)] = counts.get(_unsigned(h), 0) + 1
            for key, hashes in documents:
                self._remember(db, site, key, hashes)
        return counts

    def sites(self) -> list[SiteSummary]:
        """The remembered sites, most documents first."""
        with self._transaction(write=False) as db:
            rows = db.execute(
                "SELECT s.name, COUNT(d.id), (SELECT COUNT(*) FROM lines l WHERE l.site = s.id), MAX(d.seen) "
                "FROM sites s JOIN documents d ON d.site = s.id GROUP BY s.id ORDER BY COUNT(d.id) DESC, s.name")
            return [SiteSummary(*row) for row in rows]

    def forget(self, site: str | None = None) -> int:
        """Forget one site (or, with None, every site), and give the file's room back to the disk;
        the number of documents forgotten."""
        with self._transaction(write=True) as db:
            forgotten = self._forget(db, site)
        # Deleted rows leave free pages in the file; VACUUM rewrites it without them. Best effort:
        # another process reading the memory just now keeps the file as large until the next time.
        with suppress(sqlite3.Error):
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return forgotten

    def _forget(self, db: sqlite3.Connection, site: str | None) -> int:
        if site is None:
            forgotten = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            db.execute("DELETE FROM lines")
            db.execute("DELETE FROM documents")
            db.execute("DELETE FROM sites")
            return forgotten
        site_id = self._site_id(db, site, create=False)
        if site_id is None:
            return 0
        forgotten = db.execute("SELECT COUNT(*) FROM documents WHERE site = ?", (site_id,)).fetchone()[0]
        for table in ("lines", "documents"):
            db.execute(f"DELETE FROM {table} WHERE site = ?", (site_id,))
        db.execute("DELETE FROM sites WHERE id = ?", (site_id,))
        return forgotten

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> SiteMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
                try:
                    # No waiting for the disk: a process or system crash loses at most the last
                    # documents' counts, which the next pages of the site give again (and a
                    # damaged file is a warning). Waiting costs a single clean milliseconds.
                    db.execute("PRAGMA synchronous=OFF")
                    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'lines_by_document'").fetchone():
                        self._create(db)
                except BaseException:
                    db.close()
                    raise
            except (OSError, sqlite3.Error) as exc:
                raise MemoryUnavailable(self._message(exc)) from None
            self._db = db
        return self._db

    def _create(self, db: sqlite3.Connection) -> None:
        """The memory's tables, in a new file (or an empty database), which is then switched to WAL
        (kept in the file: set once). A database that holds anything else is someone else's: it is
        refused, untouched."""
        db.execute("BEGIN IMMEDIATE")  # two processes creating one memory: the second finds it made
        try:
            names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
            if names - SCHEMA_NAMES:
                raise MemoryUnavailable(f"site memory {self.path}: not a site memory (a database of something "
                                        f"else, holding {', '.join(sorted(names - SCHEMA_NAMES))}); left as it is")
            for statement in filter(str.strip, SCHEMA.split(";")):
                db.execute(statement)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        try:
            # A writer takes the lock before it reads: what it counts is what it adds to.
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise MemoryUnavailable(self._message(exc)) from None

    def _message(self, exc: Exception) -> str:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"site memory {self.path}: {reason}"

    def _site_id(self, db: sqlite3.Connection, site: str, create: bool) -> int | None:
        site = _storable(site)
        row = db.execute("SELECT id FROM sites WHERE name = ?", (site,)).fetchone()
        if row is None and create:
            return db.execute("INSERT INTO sites (name) VALUES (?)", (site,)).lastrowid
        return row[0] if row else None

    def _count(self, db: sqlite3.Connection, site: str, hashes: set[int], key: str | None) -> dict[int, int]:
        site_id = self._site_id(db, site, create=False)
        if site_id is None or not hashes:
            return {}
        own = document_key(key) if key is not None else None
        ids = [_signed(h) for h in hashes]
        counts: dict[int, int] = {}
        for start in range(0, len(ids), MAX_VARIABLES):
            chunk = ids[start:start + MAX_VARIABLES]
            rows = db.execute(
                f"SELECT l.hash, COUNT(*) FROM lines l JOIN documents d ON d.id = l.document "
                f"WHERE l.site = ? AND d.key IS NOT ? AND l.hash IN ({','.join('?' * len(chunk))}) GROUP BY l.hash",
                (site_id, own, *chunk))
            counts.update((_unsigned(h), n) for h, n in rows)
        return counts

    def _remember(self, db: sqlite3.Connection, site: str, key: str, hashes: set[int]) -> None:
        site_id = self._site_id(db, site, create=True)
        own = document_key(key)
        old = db.execute("SELECT id FROM documents WHERE site = ? AND key = ?", (site_id, own)).fetchone()
        if old:
            self._drop_documents(db, [old[0]])
        document = db.execute("INSERT INTO documents (site, key, seen) VALUES (?, ?, ?)",
                              (site_id, own, time.time())).lastrowid
        db.executemany("INSERT INTO lines (site, hash, document) VALUES (?, ?, ?)",
                       ((site_id, _signed(h), document) for h in hashes))
        surplus = [row[0] for row in db.execute(
            "SELECT id FROM documents WHERE site = ? ORDER BY id DESC LIMIT -1 OFFSET ?",
            (site_id, self.docs_per_site))]
        self._drop_documents(db, surplus)

    @staticmethod
    def _drop_documents(db: sqlite3.Connection, ids: list[int]) -> None:
        for start in range(0, len(ids), MAX_VARIABLES):
            chunk = ids[start:start + MAX_VARIABLES]
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM lines WHERE document IN ({marks})", chunk)
            db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)
