"""The build: pure Python by default; with NEWSCLEAN_COMPILE=1, the judge and the per-line
measurements under it are also compiled to C extensions by mypyc, from the same source (as black
ships itself).

    pip install .                          # pure Python: needs no compiler
    NEWSCLEAN_COMPILE=1 pip install .      # compiled: needs a C compiler (mypy is fetched for the build)

A compiled module sits beside its source and is imported in its place; the output is the same
(``benchmarks/identity.py``). Everything else about the package is in pyproject.toml.
"""

import os

from setuptools import setup

# What mypyc makes faster: the judge and the per-line measurements it and the article rest on
# (about 12% fewer instructions on dev para). Compiling the filters, the rules or the pipeline as
# well made the whole slower (compiled code calling into interpreted classes, and back), and
# plug-ins subclass filters/base.py and core/document.py, which must stay Python classes.
COMPILED = [
    "newsclean/core/text.py", "newsclean/core/article.py", "newsclean/judge/features.py", "newsclean/judge/model.py",
    "newsclean/judge/decide.py",
]


def extensions() -> list:
    if os.environ.get("NEWSCLEAN_COMPILE", "") not in ("1", "true", "yes"):
        return []
    if os.environ.get("NEWSCLEAN_LISTING_REQUIREMENTS"):  # see build_support/backend.py
        return []
    from mypyc.build import mypycify

    return mypycify(COMPILED, opt_level="3")


if __name__ == "__main__":  # as pip's build backend and `python setup.py` run it; tests import it
    setup(ext_modules=extensions())
