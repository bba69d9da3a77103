"""The filter contract, all a plug-in author needs to read.

A filter **proposes**; it never decides. Once per document it receives the ``Document``
(``newsclean.core.document``) and returns the drops it proposes, each made with ``self.drop(index,
reason, detail)``: the line's index, a stable snake_case reason code and a few words of detail.
The judge (``newsclean.judge``) then weighs every proposal with everything else it knows of the
line, and decides; a proposal of a filter the judge's model was not trained with (any plug-in's)
stands as it is.

What a filter reads:
- ``doc.lines``: the document a paragraph a line (NFC; blank lines kept, so indices are the input's);
- ``doc.content``: the lines it should judge, the non-blank lines no earlier filter has proposed
  (filters run in ``BUILTIN_FILTERS`` order, then plug-ins by name);
- ``doc.proposals``: what earlier filters proposed (index -> ``Drop``), evidence for a filter that
  judges a line by its neighbours;
- ``doc.article`` (where the article's body, span and lists are), ``doc.body_words_in_order()``
  (how far into the article each line sits), ``doc.language`` and ``doc.stopwords``,
  ``doc.hits(i)`` (the phrase rules line ``i`` can match), ``doc.candidates(mask_of(rules))`` (the
  lines of ``content`` where one of ``rules`` can match: all a filter need judge when every one of
  its drops needs one of them);
- what came with the document: ``doc.from_html``, ``doc.page`` and ``doc.groups`` (what the page
  says of each line, the element holding it), ``doc.link_share`` (Markdown: how much of a line is
  link text), ``doc.site`` (``SiteCounts``: its site's line counts, in batch, corpus or with the
  site memory; None otherwise).

What it may not do: change the document (its lines, proposals or anything else: the pipeline
records what it returns), decide for another filter, or keep state from one document to the next
(the same instance cleans many documents, in any order, in several processes).

A drop may name the line it depends on (``self.drop(i, reason, ref=j)``: a repeat of line
``j``): if line ``j`` goes too, the proposal is withdrawn. ``line_filter`` functions yield
``Drop(index, reason, detail)``, without a reference.

Options: a class sets ``options``, a dict of name to default value; the default's type is how
``-F name:key=value`` strings are converted, and the instance reads ``self.settings``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.document import Document, Drop
from ..stage import Stage


class Filter(Stage):
    """Base class for built-in and plug-in filters: subclasses set ``name``, ``description``, maybe
    ``default`` (False: runs only when named) and ``options``, and define ``propose``."""

    def propose(self, doc: Document) -> Iterable[Drop]:
        """The drops this filter proposes for ``doc``. (A plug-in written for newsclean 0.1 defines
        ``step`` instead; it is called in its place.)"""
        return self.step(doc)

    def step(self, doc: Document) -> Iterable[Drop]:
        raise NotImplementedError(f"filter {self.name!r} defines no propose(doc)")

    def drop(self, index: int, reason: str, detail: str = "", ref: int | None = None) -> Drop:
        """``ref``: the line whose fate this drop depends on (a repeat's original): a drop by
        reference to a line that is itself dropped does not stand (``Judge.decide``)."""
        return Drop(index=index, reason=reason, detail=detail, filter=self.name, ref=ref)


def line_filter(
    name: str, description: str, default: bool = True, **options: Any
) -> Callable[[Callable[..., Iterable[Drop]]], type[Filter]]:
    """Turn a plain function ``fn(doc, **options) -> drops`` into a Filter class (as pygments does)."""

    def wrap(fn: Callable[..., Iterable[Drop]]) -> type[Filter]:
        def propose(self: Filter, doc: Document) -> Iterable[Drop]:
            for proposal in fn(doc, **self.settings):
                yield Drop(proposal.index, proposal.reason, proposal.detail, filter=self.name)

        attrs = {
            "name": name,
            "description": description,
            "default": default,
            "options": dict(options),
            "propose": propose,
            "__doc__": fn.__doc__,
            "__module__": fn.__module__,
        }
        return type(fn.__name__, (Filter,), attrs)

    return wrap
