"""The build: Python, with the judge's native kernel (``newsclean/judge/_kernel.pyx``, Cython)
where a C compiler and Python's headers exist; with NEWSCLEAN_COMPILE=1, the judge and the per-line
measurements under it are also compiled to C extensions by mypyc, from the same source (as black
ships itself).

    pip install .                          # the kernel if it builds, else pure Python: needs no compiler
    NEWSCLEAN_PURE=1 pip install .         # pure Python: no kernel built
    NEWSCLEAN_COMPILE=1 pip install .      # compiled: needs a C compiler (mypy is fetched for the build)

The kernel is optional: where it does not build, the install goes on without it and the judge runs
its Python path, with the same output (``judge/model.py`` chooses when it imports; the environment
variable NEWSCLEAN_NO_KERNEL=1 makes it choose the Python path at run time).

A compiled module sits beside its source and is imported in its place; the output is the same
(``benchmarks/identity.py``). Everything else about the package is in pyproject.toml.
"""

import os
import sys

from setuptools import setup

# What mypyc makes faster: the judge and the per-line measurements it and the article rest on
# (about 12% fewer instructions on dev para). Compiling the filters, the rules or the pipeline as
# well made the whole slower (compiled code calling into interpreted classes, and back), and
# plug-ins subclass filters/base.py and core/document.py, which must stay Python classes.
COMPILED = [
    "newsclean/core/text.py", "newsclean/core/article.py", "newsclean/judge/features.py", "newsclean/judge/model.py",
    "newsclean/judge/decide.py",
]


KERNEL = "newsclean/judge/_kernel.pyx"


def kernel() -> list:
    """The judge's kernel, optional (a failed build is a warning); none without Cython or when
    NEWSCLEAN_PURE=1."""
    if os.environ.get("NEWSCLEAN_PURE", "") in ("1", "true", "yes") or os.environ.get("NEWSCLEAN_LISTING_REQUIREMENTS"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    from setuptools import Extension

    # No fused multiply-add: a product rounded, then added, as Python computes it (GCC contracts by
    # default where the target has the instruction, as aarch64 has). MSVC does not contract.
    flags = [] if sys.platform == "win32" else ["-ffp-contract=off"]
    try:
        built = cythonize([Extension("newsclean.judge._kernel", [KERNEL], extra_compile_args=flags)], quiet=True)
    except Exception as error:  # Cython failing is no reason to fail the install
        print(f"warning: the judge's kernel is not built ({error}): the judge runs its Python path")
        return []
    for extension in built:
        extension.optional = True  # a compiler's failure is a warning: the install goes on without it
    return built


def extensions() -> list:
    """The modules compiled: the kernel beside the mypyc-compiled judge (which imports it as any
    Python module would), or alone."""
    if os.environ.get("NEWSCLEAN_COMPILE", "") not in ("1", "true", "yes"):
        return kernel()
    if os.environ.get("NEWSCLEAN_LISTING_REQUIREMENTS"):  # see build_support/backend.py
        return []
    from mypyc.build import mypycify

    return [*mypycify(COMPILED, opt_level="3"), *kernel()]


if __name__ == "__main__":  # as pip's build backend and `python setup.py` run it; tests import it
    setup(ext_modules=extensions())
