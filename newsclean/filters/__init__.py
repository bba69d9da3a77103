"""Built-in filters, in the order the pipeline runs them.

Precise, local filters run first; filters that judge a line by its context (teasers) run last,
so they see what the others already removed.
"""

from .ads import AdLabels
from .base import Filter, line_filter
from .cookies import Cookies
from .credits import Credits
from .duplicates import Duplicates
from .layout import Layout
from .legal import Legal
from .promo import Promo
from .social import Social
from .teasers import Teasers

BUILTIN_FILTERS: tuple[type[Filter], ...] = (
    AdLabels, Cookies, Legal, Credits, Social, Promo, Duplicates, Teasers, Layout,
)

__all__ = ["BUILTIN_FILTERS", "Filter", "line_filter"]
