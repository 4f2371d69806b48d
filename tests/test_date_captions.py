"""A current caption's day infers an undated report's day only when the text's weekday agrees."""

from __future__ import annotations

import pytest

from dateline import timex
from dateline.analyse.nlp import parse
from dateline.dates.captions import infer_from_captions
from dateline.model import Article, PublishedDate

BODY = (
    "The port authority said on Thursday that grain ships could dock again after the strike ended.\n\n"
    "Dock workers had walked out on Monday over unpaid overtime."
)


def undated(caption: str, nlp) -> Article:
    article = Article(id="x", source="x.txt", body=BODY, captions=[caption],
                      published=PublishedDate(method="unknown", evidence="no date stated", not_before="2022-06-01"))
    parse(article, nlp)
    timex.annotate(article)
    return article


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Cranes stand idle at the grain terminal on June 9, 2022. Photo: Ana Ruiz", "2022-06-09"),  # a Thursday
        ("Cranes stand idle at the grain terminal on June 10, 2022. Photo: Ana Ruiz", None),  # a Friday: no weekday agrees
        ("FILE - Cranes at the grain terminal, June 9, 2022.", None),  # archive photo
        ("Cranes stand idle at the grain terminal on May 26, 2022.", None),  # before the judge's bound
    ],
)
def test_caption_inference(caption, expected, nlp):
    result = infer_from_captions(undated(caption, nlp))
    assert (result.date if result else None) == expected
    if result:
        assert result.method == "inferred" and result.confidence < 1 and "Thursday" in result.evidence
