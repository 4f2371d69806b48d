"""Input paths -> the article files under them, in a stable order, each named by its full path.

Directories are walked following symbolic links, but a directory already walked (a link loop,
or a second link to the same folder) is walked once. Everything that is not read is reported:
files of another kind ('.DS_Store', images), broken links, unreadable folders, empty folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from dateline.errors import InputError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
KINDS = ".txt, .html, .htm, .jsonl, .warc (optionally .gz)"

ErrorHandler = Callable[[InputError], None]


def has_suffix(path: str | Path, suffixes: tuple[str, ...]) -> bool:
    """Whether a file name ends with one of the suffixes (case-insensitive)."""
    return str(path).lower().endswith(suffixes)


def full_path(raw: str | Path) -> Path:
    """The absolute, normalised path of an input (links kept: the path is the identity)."""
    return Path(os.path.abspath(raw))


def expand_paths(paths: Iterable[str | Path], *, on_error: ErrorHandler, ignore: Collection[Path] = ()) -> Iterator[Path]:
    """Files named directly, and the article files of named directories (sorted), less `ignore`."""
    for raw in paths:
        path = full_path(raw)
        if path.is_dir():
            found = yield from walk(path, on_error=on_error, ignore=frozenset(ignore))
            if not found:
                on_error(InputError(str(path), f"no article files in this folder ({KINDS})"))
        elif path.is_file():
            yield path
        elif path.is_symlink():
            on_error(InputError(str(path), "broken symbolic link"))
        elif path.exists():
            on_error(InputError(str(path), "not a regular file"))
        else:
            on_error(InputError(str(path), "no such file or directory"))


def walk(root: Path, *, on_error: ErrorHandler, ignore: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Article files under `root` (the files in `ignore` left out); returns how many were found."""
    info = root.stat()
    walked = {(info.st_dev, info.st_ino)}
    found = 0

    def unreadable(exc: OSError) -> None:
        on_error(InputError(exc.filename or str(root), f"folder cannot be read ({exc.strerror})"))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        dirs[:] = [d for d in sorted(dirs) if first_visit(Path(folder, d), walked, on_error)]
        for name in sorted(files):
            path = Path(folder, name)
            if path not in ignore and readable_kind(path, on_error):
                found += 1
                yield path
    return found


def first_visit(folder: Path, walked: set[tuple[int, int]], on_error: ErrorHandler) -> bool:
    """Whether a folder is seen for the first time in this walk (a link loop is reported)."""
    try:
        info = folder.stat()
    except OSError as exc:
        on_error(InputError(str(folder), f"folder cannot be read ({exc.strerror})"))
        return False
    key = (info.st_dev, info.st_ino)
    if key in walked:
        on_error(InputError(str(folder), "symbolic link to a folder already read (a link loop?); skipped"))
        return False
    walked.add(key)
    return True


def readable_kind(path: Path, on_error: ErrorHandler) -> bool:
    """Whether a listed file is an article file; anything else is reported and skipped."""
    if not path.exists():
        reason = "broken symbolic link" if path.is_symlink() else "vanished before it could be read"
        on_error(InputError(str(path), reason))
        return False
    if not path.is_file():
        on_error(InputError(str(path), "not a regular file; skipped"))
        return False
    if not has_suffix(path, ALL_SUFFIXES):
        on_error(InputError(str(path), f"not an article file ({KINDS}); skipped"))
        return False
    return True
