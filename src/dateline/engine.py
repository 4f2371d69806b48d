"""Executors for the per-article stages: worker processes here, or a Dask cluster.

An engine maps a picklable function over batches and yields (batch, result) in input order,
keeping only a few batches in flight, so that input is read lazily and memory stays flat.
Workers return records; the caller is the one writer. Each worker process loads the spaCy
model once (the worker function caches it), whichever engine runs it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Protocol, TypeVar

from dateline.errors import DatelineError

Item = TypeVar("Item")
Result = TypeVar("Result")
# Batches submitted per worker before the oldest result is awaited: enough to keep every
# worker busy while the writer stores, few enough that memory does not grow with the input.
IN_FLIGHT_PER_WORKER = 2
DEFAULT_WORKERS = 2
PR_SET_PDEATHSIG = 1  # Linux prctl option: the signal a process gets when its parent dies


class EngineError(DatelineError):
    """The engine cannot run (missing extra, unreachable scheduler)."""


class Engine(Protocol):
    """Something that maps a function over batches, results in input order."""

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]: ...


def default_workers() -> int:
    """Two worker processes, or fewer on a one-core machine."""
    return max(1, min(DEFAULT_WORKERS, os.cpu_count() or 1))


def ordered(submit: Callable[[Item], Future], items: Iterable[Item], window: int) -> Iterator[tuple[Item, Result]]:
    """Submit items as results are taken, at most `window` pending; yield (item, result) in order."""
    pending: deque = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def die_with_parent() -> None:
    """A worker ends with the build that forked it, even one killed by kill -9 (Linux), never orphaned."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when they find their queue closed
        return
    if os.getppid() == 1:  # the build died before the request was made
        os._exit(1)


class LocalEngine:
    """Worker processes on this machine (forked, so they share the parent's loaded model)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        """Run in this process when one worker is asked for or there are fewer than two batches."""
        items = iter(items)
        head = list(islice(items, 2))
        if self.workers <= 1 or len(head) < 2:
            yield from ((item, function(item)) for part in (head, items) for item in part)
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=die_with_parent) as pool:
            chained = (item for part in (head, items) for item in part)
            yield from ordered(lambda item: pool.submit(function, item), chained, self.workers * IN_FLIGHT_PER_WORKER)


class DaskEngine:
    """A Dask cluster: the one at `scheduler`, else a LocalCluster started (and stopped) here."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers or default_workers()

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        """Submit batches to the cluster's workers as earlier ones come back."""
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("the Dask engine needs the dask extra: pip install 'dateline[dask]'") from None
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        try:
            client = Client(self.scheduler or cluster, timeout=30)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc})") from None
        try:
            window = self.workers * IN_FLIGHT_PER_WORKER
            yield from ordered(lambda item: client.submit(function, item, pure=False), items, window)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(name: str = "local", *, scheduler: str | None = None, workers: int | None = None) -> Engine:
    """The engine a build asked for by name."""
    if name == "local":
        if scheduler:
            raise EngineError("--scheduler needs --engine dask")
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise EngineError(f"unknown engine {name!r} (choose local or dask)")
