"""Built-in filters, in the order the pipeline runs them.

Site boilerplate (batch, corpus, --remember) runs first: what a site repeats on every page is the surest
evidence. Precise, local filters come next; filters that judge a line by its context (teasers,
article_end, labels) run last, so they see what the others already proposed. Every filter
proposes; the judge (``newsclean.judge``) decides.
"""

from .ads import AdLabels
from .article_end import ArticleEnd
from .base import Filter, line_filter
from .bios import Bios
from .comments import Comments
from .cookies import Cookies
from .credits import Credits
from .dates import Dates
from .duplicates import Duplicates
from .labels import Labels
from .legal import Legal
from .links import Links
from .menus import Menus
from .promo import Promo
from .site import SiteBoilerplate
from .social import Social
from .teasers import Teasers

BUILTIN_FILTERS: tuple[type[Filter], ...] = (
    SiteBoilerplate, AdLabels, Cookies, Legal, Credits, Bios, Dates, Social, Promo, Comments, Menus, Links, Duplicates,
    Teasers, ArticleEnd, Labels,
)

__all__ = ["BUILTIN_FILTERS", "Filter", "line_filter"]
