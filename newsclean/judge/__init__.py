"""The decide stage (``decide``) and the learned model it rules with (``model``, ``features``)."""

from .decide import THRESHOLD, Judge
from .model import MODEL_DIR, load_model

__all__ = ["MODEL_DIR", "THRESHOLD", "Judge", "load_model"]
