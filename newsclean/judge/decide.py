"""The decide stage: one learned judge rules, for every line, body or debris, from all the evidence.

The filters have proposed drops, each with its reason; the judge weighs them with everything else
it knows of each line (``model``) and gives every line its p(body). One knob: a line is dropped
when p(body) falls below ``threshold``. When in doubt, keep.

A drop keeps the reason of the filter whose proposal the judge accepted; a line no filter
proposed is dropped as ``low_body_probability`` with the evidence that weighed most against it.
Proposals of filters the model was not trained with (plug-ins, site boilerplate) are not
weighed: they stand.
"""

from __future__ import annotations

from ..core.document import Document, Drop
from ..stage import Stage
from .model import gather, load_model

THRESHOLD = 0.5
# The time budget is checked between the judge's steps, and every this many lines of its last.
BUDGET_EVERY = 1024


class Judge(Stage):
    """Decides last, over every filter's proposals: see the module's docstring."""

    name = "judge"
    description = ("Weighs every filter's proposals with each line's words, shape, place and neighbours, "
                   "and drops the lines whose p(body) is below the threshold.")
    options = {"threshold": THRESHOLD}

    def decide(self, doc: Document) -> None:
        """Every line's verdict, in ``doc.decisions``. A line proposed as debris by reference to
        another line (``Drop.ref``: a line contained in a longer one) that is dropped too is judged
        again without that proposal (or with the next filter's): no line goes because a line that
        goes holds it."""
        decided = self._decided(doc)
        if doc.withdraw_by_reference(decided):
            decided = self._decided(doc)
        doc.decisions = decided

    def _decided(self, doc: Document) -> dict[int, Drop]:
        model = load_model()
        evidence = gather(doc)
        doc.check_budget()
        probabilities = model.probabilities(evidence, doc.from_html)
        threshold = self.settings["threshold"]
        proposals, later_proposals, notes, weighed = doc.proposals, doc.later_proposals, doc.notes, model.filters
        doc.body_probability.update(zip(evidence.indices, probabilities, strict=True))
        decided: dict[int, Drop] = {}
        for k, (i, p) in enumerate(zip(evidence.indices, probabilities, strict=True)):
            if not k % BUDGET_EVERY:
                doc.check_budget()
            proposal = proposals.get(i)
            # A proposal of a filter the model does not weigh stands (the first such, of all about the line).
            standing = proposal if proposal is not None and proposal.filter not in weighed else None
            if standing is None and i in later_proposals:
                standing = next((d for d in later_proposals[i] if d.filter not in weighed), None)
            if standing is not None:
                decided[i] = standing
            elif p < threshold:
                decided[i] = (Drop(i, proposal.reason, _joined(f"p(body)={p:.2f}", proposal.detail), proposal.filter,
                                   proposal.ref)
                              if proposal else
                              Drop(i, "low_body_probability",
                                   f"p(body)={p:.2f}, {model.strongest_against(evidence, k, doc.from_html)}",
                                   self.name))
            elif proposal is not None:
                notes[i] = f"p(body)={p:.2f}, kept against {proposal.filter}: {proposal.reason}"
            else:
                notes[i] = f"p(body)={p:.2f}"
        return decided


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)
