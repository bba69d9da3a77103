"""The build: pure Python by default; with NEWSCLEAN_COMPILE=1, the modules every line goes through
are also compiled to C extensions by mypyc, from the same source (as black ships itself).

    pip install .                          # pure Python: needs no compiler
    NEWSCLEAN_COMPILE=1 pip install .      # compiled: needs a C compiler (mypy is fetched for the build)

A compiled module sits beside its source and is imported in its place; the output is the same
(``benchmarks/identity.py``). Everything else about the package is in pyproject.toml.
"""

import os

from setuptools import setup

# The per-line path: text measurements, the article, the judge, the pipeline and the filters.
# Not plug-in-facing classes (filters/base.py, model.py): plug-ins subclass and extend them.
COMPILED = [
    "newsclean/text.py", "newsclean/article.py", "newsclean/features.py", "newsclean/judge.py",
    "newsclean/pipeline.py", "newsclean/view.py", "newsclean/matcher.py", "newsclean/lexicon.py",
    *(f"newsclean/filters/{name}.py" for name in (
        "ads", "article_end", "bios", "comments", "cookies", "credits", "dates", "duplicates", "labels",
        "legal", "links", "menus", "promo", "social", "teasers",
    )),
]


def extensions() -> list:
    if os.environ.get("NEWSCLEAN_COMPILE", "") not in ("1", "true", "yes"):
        return []
    if os.environ.get("NEWSCLEAN_LISTING_REQUIREMENTS"):  # see build_support/backend.py
        return []
    from mypyc.build import mypycify

    return mypycify(COMPILED, opt_level="3")


setup(ext_modules=extensions())
