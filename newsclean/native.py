"""The native kernel (``newsclean/judge/_kernel.pyx``), where it is built and allowed: the judge's
per-line path and the rules' automaton read it from here."""

from __future__ import annotations

import importlib
import os
from typing import Any


def kernel() -> Any:
    """The kernel's module; None when it is not built, or when NEWSCLEAN_NO_KERNEL=1: then the
    Python paths run, with the same result."""
    if os.environ.get("NEWSCLEAN_NO_KERNEL", "") in ("1", "true", "yes"):
        return None
    try:
        return importlib.import_module("newsclean.judge._kernel")
    except ImportError:
        return None
