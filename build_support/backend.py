"""setuptools' build backend, asking for mypy (mypyc) as well when a compiled build is wanted
(NEWSCLEAN_COMPILE=1; see setup.py): a pure build needs nothing but setuptools."""

import os

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 - this is setuptools' backend, with two hooks extended

MYPYC = "mypy>=1.10"


def _requires(hook, config_settings):
    # setuptools runs setup.py to learn what it needs: it must not import mypyc before it is there.
    os.environ["NEWSCLEAN_LISTING_REQUIREMENTS"] = "1"
    try:
        found = hook(config_settings)
    finally:
        del os.environ["NEWSCLEAN_LISTING_REQUIREMENTS"]
    return [*found, MYPYC] if os.environ.get("NEWSCLEAN_COMPILE", "") in ("1", "true", "yes") else found


def get_requires_for_build_wheel(config_settings=None):
    return _requires(_setuptools.get_requires_for_build_wheel, config_settings)


def get_requires_for_build_editable(config_settings=None):
    return _requires(_setuptools.get_requires_for_build_editable, config_settings)
