"""Cleaning records: the library call behind `newsclean corpus`, for pipelines of your own.

    >>> from newsclean.runners.corpus import clean_records
    >>> for record in clean_records([{"id": 1, "text": raw}]):
    ...     record["text"], record["newsclean"]["drops"]

Every field passes through; the text field holds the cleaned text and a ``newsclean`` field says
what happened (lines in and out, drops per filter, with ``explain`` every dropped line and why);
a record that has a ``newsclean`` field already (cleaned before) gets ``newsclean_2``, and so on.
A record that cannot be cleaned (no text, undecodable, over ``max_bytes``) keeps its text and
gets ``newsclean.error``, so that nothing is silently lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...core.document import SiteCounts
from ...inputs.source import Source
from ...inputs.sources import DEFAULT_MAX_BYTES, InputError, load
from ...pipeline import Cleaner
from ...report.audit import Audit
from ...settings import Settings
from ...sites.hashing import host_of
from .formats import DEFAULT_FIELDS, SURROGATE, Fields, info_field


def clean_record(record: Mapping[str, Any], cleaner: Cleaner, fields: Fields = DEFAULT_FIELDS,
                 explain: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, audit: Audit | None = None,
                 source: str = "", site: SiteCounts | None = None,
                 extracted: Callable[[bytes], Source | None] | None = None) -> dict[str, Any]:
    """One record, cleaned (see the module's docstring); HTML is detected and extracted as
    `clean` does. What it removed is added to ``audit``, naming the record's ``source``; ``site``:
    the counts of its site's lines; ``extracted``: the loaded text of a page of the record's bytes, where
    an earlier pass left it (``runners.spill.take``), else None."""
    out = dict(record)
    account = info_field(out)
    original = record.get(fields.text)
    if not isinstance(original, (str, bytes)):
        out[account] = {"error": f"no text in field {fields.text!r}"}
        return out
    try:
        data = text_bytes(original) if isinstance(original, str) else original
        loaded = (extracted(data) if extracted is not None else None) or load(data, "auto", max_bytes)
    except InputError as exc:
        if isinstance(original, bytes):  # a WARC payload: kept readable
            out[fields.text] = original.decode("utf-8", "replace")
        else:  # lone surrogates become U+FFFD, so that the shard can be written
            out[fields.text] = SURROGATE.sub("\ufffd", original)
        out[account] = {"error": str(exc)}
        return out
    result = cleaner.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head, site=site)
    if audit is not None:
        audit.add(result, host_of(record.get(fields.url)), source, str(record.get(fields.id, "")))
    out[fields.text] = result.text
    info = {**result.summary(), **result.headline}
    if explain:
        info["dropped"] = [{"line": v.index + 1, "text": v.text, "filter": v.drop.filter, "reason": v.drop.reason,
                            "detail": v.drop.detail} for v in result.verdicts if v.drop]
    out[account] = info
    return out


def text_bytes(text: str) -> bytes:
    """A record's text as UTF-8; an InputError for a string that is not Unicode text."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # JSON's "\ud800": a lone surrogate, which no text holds
        raise InputError("the text holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text") from None


def clean_records(records: Iterable[Mapping[str, Any]], *, fields: Fields = DEFAULT_FIELDS,
                  cleaner: Cleaner | None = None, site_counts: Mapping[str, Mapping[int, int]] | None = None,
                  remembered: Mapping[str, Mapping[int, int]] | None = None, explain: bool = False,
                  max_bytes: int = DEFAULT_MAX_BYTES, audit: Audit | None = None, source: str = "",
                  extracted: Callable[[bytes], Source | None] | None = None, **settings: Any,
                  ) -> Iterator[dict[str, Any]]:
    """Clean an iterable of records lazily, one at a time.

    ``cleaner``, or the settings of ``newsclean.Settings.make`` (``only``, ``skip``, ``options``,
    ``preset``, ``time_budget``) to make one (a cleaner for ``site_counts`` is made with
    ``site_counts=True``: otherwise it has no site filter to give them to). ``site_counts``: per
    URL host, in how many documents each line hash occurs (what the first pass of `newsclean
    corpus` finds: ``engine.count_shard`` and ``engine.merge_bucket``); with it, a host's repeated
    template lines go too.
    ``remembered``: how many of those documents the site memory holds (earlier runs). ``audit``:
    an ``newsclean.report.audit.Audit`` that collects what was removed (records named by ``source``).
    ``extracted``: as ``clean_record``'s.
    """
    if cleaner is None:
        cleaner = Cleaner.from_settings(Settings.make(**settings, site_counts=site_counts is not None))
    for record in records:
        site = None
        if site_counts is not None:
            host = host_of(record.get(fields.url))
            site = SiteCounts(site_counts.get(host, {}), (remembered or {}).get(host, {}))
        yield clean_record(record, cleaner, fields, explain, max_bytes, audit, source, site, extracted)


def clean_bag(bag: Any, **options: Any) -> Any:
    """A Dask bag of records, cleaned partition by partition on the cluster (options as
    ``clean_records``; the filters are built once per partition)."""
    return bag.map_partitions(lambda part: list(clean_records(part, **options)))
