"""The audit report: what a batch or corpus run removed, as one self-contained HTML page.

A run's first question afterwards is "what did it remove, and was it right?". The page answers
it: totals, lines and characters removed per filter and reason (a bar chart), the sites that lost
the most, and for every reason a sample of removed lines with the lines around them and a link
to their file, filterable by reason, site and text in the page itself (no network, no scripts
from elsewhere).

Workers each fill an ``Audit`` with their documents; the parent merges them. The samples are the
ones with the smallest hash of (source, record, line) per reason: a fixed choice, the same
however the work was split, of bounded size however large the run.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import quote

from ..core.document import LineVerdict, Result
from ..inputs.charsets import SURROGATE
from ..sites.hashing import hash64

# Removed lines shown per reason, the lines shown around each, and the characters shown of a line.
SAMPLES_PER_REASON = 60
CONTEXT_LINES = 2
MAX_SHOWN_CHARS = 240
# Sites listed in the table of the sites that lose the most.
MAX_SITES = 30
# The site filter's value for samples of no site (a site's name never starts with a slash).
NO_SITE = "/"
# What would reorder a name's letters (bidi controls: "txt.exe" shown as "exe.txt"), hide them or
# not be written at all (control characters; lone surrogates, from names that are not UTF-8):
# shown as escapes ("\u202e"), never obeyed.
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass
class Sample:
    rank: int  # the sample's place in the fixed choice: smaller is kept first
    reason: str  # "filter: reason"
    site: str
    source: str  # the file or shard
    record: str  # the record's id in a shard ("" for a file)
    line: int  # 1-based
    text: str
    before: list[tuple[str, bool]]  # the lines around it, and whether each was removed too
    after: list[tuple[str, bool]]


@dataclass
class Totals:
    """What was read and removed: of a whole run, or of one site."""

    documents: int = 0
    changed: int = 0
    lines_in: int = 0
    lines_removed: int = 0
    chars_in: int = 0
    chars_removed: int = 0

    def include(self, other: Totals) -> None:
        for name in (f.name for f in fields(Totals)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Audit(Totals):
    """Totals and samples of what a run removed; ``add`` a document, ``merge`` another audit."""

    lines_by_reason: Counter[str] = field(default_factory=Counter)
    chars_by_reason: Counter[str] = field(default_factory=Counter)
    sites: dict[str, Totals] = field(default_factory=dict)
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def add(self, result: Result, site: str, source: str, record: str = "") -> None:
        verdicts = result.verdicts
        removed = [v for v in verdicts if v.drop is not None]
        document = Totals(1, bool(removed), sum(1 for v in verdicts if v.text.strip()), len(removed),
                          sum(len(v.text) for v in verdicts), sum(len(v.text) for v in removed))
        self.include(document)
        self.sites.setdefault(site, Totals()).include(document)
        for v in removed:
            reason = f"{v.drop.filter}: {v.drop.reason}"
            self.lines_by_reason[reason] += 1
            self.chars_by_reason[reason] += len(v.text)
            rank = _rank(source, record, v.index)
            kept = self.samples.setdefault(reason, [])
            if len(kept) < SAMPLES_PER_REASON or rank < kept[-1].rank:
                start, end = max(0, v.index - CONTEXT_LINES), v.index + CONTEXT_LINES + 1
                kept.append(Sample(rank, reason, site, source, record, v.index + 1, _shown(v.text),
                                   _around(verdicts[start:v.index]), _around(verdicts[v.index + 1:end])))
                _keep_first(kept)

    def merge(self, other: Audit) -> None:
        self.include(other)
        self.lines_by_reason.update(other.lines_by_reason)
        self.chars_by_reason.update(other.chars_by_reason)
        for site, theirs in other.sites.items():
            self.sites.setdefault(site, Totals()).include(theirs)
        for reason, samples in other.samples.items():
            kept = self.samples.setdefault(reason, [])
            kept.extend(samples)
            _keep_first(kept)

    def page(self, title: str, page_dir: Path, link_base: Path | None = None) -> str:
        """The HTML page, to be saved in ``page_dir``; sources are linked (relative to the page)
        when ``link_base``, the folder they are named from, is given."""
        return render_page(self, title, link_base, page_dir)


def _rank(source: str, record: str, index: int) -> int:
    key = f"{source}\0{record}\0{index}".encode("utf-8", "surrogatepass")
    return hash64(key)


def _keep_first(samples: list[Sample]) -> None:
    samples.sort(key=lambda s: s.rank)
    del samples[SAMPLES_PER_REASON:]


def _around(verdicts: list[LineVerdict]) -> list[tuple[str, bool]]:
    return [(_shown(v.text), not v.kept) for v in verdicts if v.text.strip()]


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"


# ------------------------------------------------------------------------------------ the page
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%}td,th{padding:.2em .5em;text-align:left;vertical-align:top}
th{border-bottom:1px solid #999}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.reason{cursor:pointer}tr.reason:hover{background:#f3f3f3}
.bar{background:#c0392b;height:.9em;min-width:1px}.bar.chars{background:#e6a49c}
.totals span{display:inline-block;margin-right:2em}.totals b{font-size:1.3em}
#controls{position:sticky;top:0;background:#fff;padding:.6em 0;border-bottom:1px solid #ddd}
#controls select,#controls input{font:inherit;margin-right:1em}
.sample{border-left:3px solid #ddd;margin:.8em 0;padding:.2em .8em;overflow-wrap:anywhere;
content-visibility:auto;contain-intrinsic-size:auto 6em}
.ctx{color:#777}.ctx.out{text-decoration:line-through}.gone{color:#a8201a;text-decoration:line-through}
.tag{font-size:.85em;color:#555}.tag a{color:#555}
"""

SCRIPT = """
const reason=document.getElementById('reason'),site=document.getElementById('site'),
text=document.getElementById('text'),shown=document.getElementById('shown'),
samples=[...document.querySelectorAll('.sample')],
words=samples.map(e=>e.querySelector('.gone').textContent.toLowerCase());
function show(){const r=reason.value,s=site.value,t=text.value.toLowerCase();let n=0;
samples.forEach((e,i)=>{const on=(!r||e.dataset.reason===r)&&(!s||e.dataset.site===s)&&
(!t||words[i].includes(t));e.hidden=!on;n+=on});
shown.textContent=n+' of '+samples.length+' samples shown'}
for(const c of [reason,site])c.addEventListener('change',show);text.addEventListener('input',show);
for(const row of document.querySelectorAll('tr.reason'))row.addEventListener('click',()=>{
reason.value=row.dataset.reason;show();document.getElementById('controls').scrollIntoView()});
show();
"""


def name(text: str) -> str:
    """A file, folder, site or record name as HTML text that shows every character of it as it is."""
    return html.escape(HIDDEN.sub(_escaped, text))


def render_page(audit: Audit, title: str, link_base: Path | None, page_dir: Path) -> str:
    e = name
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{e(title)}</title>",
             f"<style>{STYLE}</style><h1>{e(title)}</h1>", _totals(audit), "<h2>Removed, by filter and reason</h2>",
             "<p>Click a reason to see its samples.</p>", _reasons(audit), "<h2>Sites that lose the most</h2>",
             _sites(audit), "<h2>Samples of removed lines</h2>", _controls(audit)]
    samples = sorted((s for kept in audit.samples.values() for s in kept),
                     key=lambda s: (-audit.lines_by_reason[s.reason], s.reason, s.rank))
    parts.extend(_sample(s, link_base, page_dir) for s in samples)
    parts.append(f"<script>{SCRIPT}</script></html>")
    return _visible("\n".join(parts))


def _visible(text: str) -> str:
    """Text that is not all Unicode shown escaped, so that the page can be written."""
    return SURROGATE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    """A character as an escape: a byte of a name that is not UTF-8 (kept by Python as a lone
    surrogate) as that byte (``\\xff``), any other as its code point (``\\u202e``)."""
    code = ord(found.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _totals(audit: Audit) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.1%}" if whole else "0%"

    items = [("documents", f"{audit.documents:,}"), ("changed", f"{audit.changed:,}"),
             ("lines removed",
              f"{audit.lines_removed:,} of {audit.lines_in:,} ({share(audit.lines_removed, audit.lines_in)})"),
             ("characters removed", f"{audit.chars_removed:,} ({share(audit.chars_removed, audit.chars_in)})")]
    return "<p class=totals>" + "".join(f"<span>{label}<br><b>{value}</b></span>" for label, value in items) + "</p>"


def _reasons(audit: Audit) -> str:
    top_lines = max(audit.lines_by_reason.values(), default=1)
    top_chars = max(audit.chars_by_reason.values(), default=1)
    rows = ["<table id=reasons><tr><th>filter: reason</th><th class=n>lines</th><th class=n>characters</th>"
            "<th style='width:40%'>lines (dark), characters (light)</th></tr>"]
    for reason, lines in audit.lines_by_reason.most_common():
        chars = audit.chars_by_reason[reason]
        rows.append(f"<tr class=reason data-reason='{html.escape(reason)}'><td>{html.escape(reason)}</td>"
                    f"<td class=n>{lines:,}</td><td class=n>{chars:,}</td><td>"
                    f"<div class=bar style='width:{100 * lines / top_lines:.1f}%'></div>"
                    f"<div class='bar chars' style='width:{100 * chars / top_chars:.1f}%'></div></td></tr>")
    return "".join(rows) + "</table>"


def _sites(audit: Audit) -> str:
    ranked = sorted(audit.sites.items(), key=lambda item: (-item[1].lines_removed, item[0]))[:MAX_SITES]
    rows = ["<table id=sites><tr><th>site</th><th class=n>documents</th><th class=n>lines removed</th>"
            "<th class=n>share of its lines</th><th class=n>characters removed</th></tr>"]
    for site, t in ranked:
        share = f"{t.lines_removed / t.lines_in:.1%}" if t.lines_in else "0%"
        rows.append(f"<tr><td>{name(site or '(no site)')}</td><td class=n>{t.documents:,}</td>"
                    f"<td class=n>{t.lines_removed:,}</td><td class=n>{share}</td>"
                    f"<td class=n>{t.chars_removed:,}</td></tr>")
    more = len(audit.sites) - len(ranked)
    return "".join(rows) + "</table>" + (f"<p>and {more:,} more sites</p>" if more > 0 else "")


def _controls(audit: Audit) -> str:
    def options(values: Iterable[str], everything: str) -> str:
        return f"<option value=''>{everything}</option>" + "".join(
            f"<option value='{name(v or NO_SITE)}'>{name(v or '(no site)')}</option>" for v in values)

    sites = sorted({s.site for kept in audit.samples.values() for s in kept})
    reasons = [r for r, _ in audit.lines_by_reason.most_common()]
    return ("<div id=controls><label>reason <select id=reason>" + options(reasons, "all reasons") + "</select></label>"
            "<label>site <select id=site>" + options(sites, "all sites") + "</select></label>"
            "<label>text <input id=text type=search placeholder='words of the removed line'></label>"
            "<span id=shown></span></div>")


def _sample(s: Sample, link_base: Path | None, page_dir: Path) -> str:
    e = html.escape
    where = name(s.source) + (f", record {name(s.record)}" if s.record else "") + f", line {s.line}"
    if link_base is not None:
        href = quote(os.fsencode(Path(os.path.relpath(link_base / s.source, page_dir)).as_posix()))
        where = f"<a href='{e(href)}'>{where}</a>"
    def context(lines: list[tuple[str, bool]]) -> list[str]:
        return [f"<div class='ctx{' out' if removed else ''}'>{e(t)}</div>" for t, removed in lines]

    lines = [*context(s.before), f"<div class=gone>{e(s.text)}</div>", *context(s.after)]
    return (f"<div class=sample data-reason='{e(s.reason)}' data-site='{name(s.site or NO_SITE)}'>"
            f"<div class=tag>{e(s.reason)} · {name(s.site or '(no site)')} · {where}</div>{''.join(lines)}</div>")

