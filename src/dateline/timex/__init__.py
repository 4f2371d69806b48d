"""Temporal tagger and normaliser: time expressions as TIMEX3 types and values.

`tag(text, anchor)` finds and resolves the time expressions of any text; `annotate(article)`
runs it over an article, anchoring quoted words at the moment they were said.

Example:
    >>> from datetime import date
    >>> [m.value for m in tag("Lavrov said Monday the pause will end on Friday.", date(2016, 8, 17))]
    ['2016-08-15', '2016-08-19']
"""

from dateline.timex.article import annotate
from dateline.timex.tagger import tag

__all__ = ["annotate", "tag"]
