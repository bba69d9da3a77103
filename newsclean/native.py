"""The native kernel (``newsclean/judge/_kernel.pyx``) as the judge loaded it: ``judge.model`` loads and
configures it and hands it here (``use``), where the measurements of ``core`` and the rules' gate find
it without importing the judge."""

from __future__ import annotations

from typing import Any

# The kernel's module; None where it is not built, with NEWSCLEAN_NO_KERNEL=1, or before the judge is
# loaded (``import newsclean`` loads it): then the Python paths run, with the same result.
KERNEL: Any = None


def use(kernel: Any) -> None:
    global KERNEL
    KERNEL = kernel
