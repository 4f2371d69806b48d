"""The Jinja2 environment shared by the server and the report: autoescape on for every template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, pass_context

from dateline.web import render

TEMPLATES = Path(__file__).parent / "templates"


def page_link(path: str, params: dict, **changes) -> str:
    """The same page with some query parameters changed (empty ones dropped)."""
    merged = {**params, **changes}
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "") and not (k.endswith("page") and v == 1)})
    return f"{path}?{query}" if query else path


@pass_context
def outlet_colour(context, name: str | None) -> str:
    """The outlet's colour class under the page's palette (one colour per outlet of the store)."""
    return render.outlet_class(name, context.get("palette"))


def environment(link: Callable[[str, str], str | None], *, report: bool = False) -> Environment:
    """Templates with the page helpers; `link(kind, id)` gives the URL of a page, or None when absent."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        link=link,
        report=report,
        page_link=page_link,
        outlet_class=outlet_colour,
        sparkline=render.sparkline,
        timeline_axis=lambda marks: render.timeline_axis(marks, lambda entry: link("entry", entry)),
        sentence_with_time=render.sentence_with_time,
        snippet=render.snippet,
        article_text=render.article_text,
        bar=render.bar,
    )
    return env
