"""The web interface: server-rendered pages and the same data as JSON, over a read-only store."""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from dateline.errors import DatelineError
from dateline.web import queries
from dateline.web.templating import environment

STATIC = Path(__file__).parent / "static"
# Only this server's own scripts, styles and images; nothing inline, nothing from elsewhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_path: str | Path) -> FastAPI:
    """The application serving one database (opened read-only for each request)."""
    app = FastAPI(title="Dateline", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    env = environment(link=server_link)

    @contextmanager
    def reading() -> Iterator[sqlite3.Connection]:
        db = queries.connect(db_path)
        try:
            yield db
        finally:
            db.close()

    @app.middleware("http")
    async def secure(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(queries.NotFound)
    async def not_found(request: Request, exc: queries.NotFound):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=404)
        return HTMLResponse(env.get_template("error.html").render(message=str(exc)), status_code=404)

    def page(path: str, template: str, build: Callable[..., dict[str, Any]]) -> None:
        """Register the HTML page at `path` and its JSON twin at /api`path`."""

        def html(request: Request, **params):
            with reading() as db:
                data = build(db, **params)
                colours = queries.palette(db)
            return HTMLResponse(env.get_template(template).render(**data, palette=colours, request_path=request.url.path))

        def api(request: Request, **params):
            with reading() as db:
                return build(db, **params)

        for view, prefix in ((html, ""), (api, "/api")):
            view.__signature__ = _signature(build)
            app.get(prefix + path, name=f"{template}{prefix}")(view)

    page("/", "stories.html", stories_view)
    page("/stories/{story_id}", "story.html", story_view)
    page("/stories/{story_id}/compare", "compare.html", compare_view)
    page("/speakers/{speaker_id}", "speaker.html", speaker_view)
    page("/articles/{article_id}", "article.html", article_view)
    page("/search", "search.html", search_view)
    return app


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve a database until interrupted (migrated first, then read-only)."""
    import uvicorn

    from dateline.store import Store

    if not Path(db_path).exists():
        raise DatelineError(f"{db_path}: no such database (run `dateline build` or `dateline demo` first)")
    Store(db_path).close()  # bring an older file's schema up to date before reading it
    print(f"Dateline is serving {db_path} at http://{host}:{port}/ (Ctrl+C stops it)", flush=True)
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")


def _signature(build: Callable):
    """The view's parameters: a Request, then the build function's own (FastAPI reads them)."""
    params = list(inspect.signature(build).parameters.values())[1:]
    request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    return inspect.Signature([request, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params)])


def server_link(kind: str, ident: str) -> str | None:
    """The URL of a page of the server."""
    return {"story": f"/stories/{ident}", "compare": f"/stories/{ident}/compare", "speaker": f"/speakers/{ident}",
            "article": f"/articles/{ident}", "entry": f"#entry-{ident}"}[kind]


def stories_view(db: sqlite3.Connection, outlet: str | None = None, start: str | None = None,
                 end: str | None = None, page: int = 1) -> dict[str, Any]:
    """The stories list, with the outlets to filter by."""
    return {**queries.stories(db, outlet=outlet or None, start=start or None, end=end or None, page=page),
            "outlets": queries.outlets(db)}


def story_view(db: sqlite3.Connection, story_id: str, page: int = 1, articles_page: int = 1) -> dict[str, Any]:
    """One story."""
    return queries.story(db, story_id, page=page, article_page=articles_page)


def compare_view(db: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    """The outlets of one story side by side."""
    return queries.compare(db, story_id)


def speaker_view(db: sqlite3.Connection, speaker_id: str, page: int = 1) -> dict[str, Any]:
    """One speaker across stories."""
    return queries.speaker(db, speaker_id, page=page)


def article_view(db: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """One article."""
    return queries.article(db, article_id)


def search_view(db: sqlite3.Connection, q: str = "", page: int = 1) -> dict[str, Any]:
    """Search results."""
    return queries.search(db, q, page=page)
