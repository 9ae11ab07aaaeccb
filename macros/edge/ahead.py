"""Rendering the parts of SOP pages ahead, in parallel worker processes.

MkDocs reads and writes pages one after another in one thread. While it does, worker
processes render the parts of the pages it will read next, so a build uses every core;
a macro then takes its part from them (waiting if need be) instead of rendering it. The
output is the same as rendering in order: a part depends only on the loaded portal,
which the workers inherit by being forked (only on Linux, and only while this process
has a single thread: never inside a running preview server).

Plain Python; `pages.PortalSite.render_ahead` starts it, `take` is asked for each part.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

Key = tuple[str, str, str]  # (part, sop id, root): what `PortalSite.render_part` takes
Render = Callable[[str, str, str], str]

# The one global here, and only in a worker process: the function the worker renders
# with, handed over by the pool's initializer when the worker is forked (passing it
# with every task would pickle the whole portal each time).
_WORKER_RENDER: Render | None = None


def forkable() -> bool:
    """Whether worker processes may be forked here: Linux (macOS' system libraries are
    not fork-safe and Python does not fork there by default; Windows cannot), in a
    process with a single thread."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def workers() -> int:
    """How many processes render ahead: `PORTAL_SOP_PROSES`, else the usable cores."""
    value = os.environ.get("PORTAL_SOP_PROSES", "").strip()
    if value.isdigit():
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker(render: Render) -> None:
    global _WORKER_RENDER
    _WORKER_RENDER = render


def _render_batch(keys: list[Key]) -> dict[Key, str]:
    """The parts a worker renders. A part that fails is left out: the build renders it
    again in order, so the error names the page it belongs to."""
    assert _WORKER_RENDER is not None
    out = {}
    for key in keys:
        try:
            out[key] = _WORKER_RENDER(*key)
        except Exception:
            continue
    return out


class RenderAhead:
    """Parts rendered by worker processes, in batches of a few pages, in page order.
    Only a few batches are handed out ahead of the page MkDocs is reading, so that
    rendered parts never pile up in memory when the workers are faster."""

    BATCH = 16  # pages per task: small enough to keep the workers busy to the end
    AHEAD = 4  # batches handed out per worker beyond the one being read

    def __init__(self, render: Render, keys: list[Key], workers: int, parts_per_page: int) -> None:
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(render,),
        )
        self.batches = list(_batches(keys, self.BATCH * parts_per_page))
        self.batch_of = {key: i for i, batch in enumerate(self.batches) for key in batch}
        self.futures: dict[int, Future[dict[Key, str]]] = {}
        self.next = 0  # the next batch to hand out
        self.window = self.AHEAD * workers
        self.done: dict[Key, str] = {}
        self.broken = False  # a worker died: the caller renders everything from then on
        self._hand_out(self.window)

    def _hand_out(self, upto: int) -> None:
        while not self.broken and self.next < min(upto, len(self.batches)):
            try:
                self.futures[self.next] = self.pool.submit(_render_batch, self.batches[self.next])
            except BrokenProcessPool:
                self.broken = True
                return
            self.next += 1

    def take(self, key: Key) -> str | None:
        """The rendered part, or None if it was not asked for (or a worker died: the
        caller renders it then)."""
        if key not in self.done:
            index = self.batch_of.pop(key, None)
            if index is None or self.broken:
                return None
            self._hand_out(index + 1)
            future = self.futures.pop(index, None)
            if future is None:
                return None
            try:
                self.done.update(future.result())
            except BrokenProcessPool:
                self.broken = True
                return None
            self._hand_out(index + 1 + self.window)
        return self.done.pop(key, None)

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: list[Key], size: int) -> Iterable[list[Key]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


__all__ = ["Key", "RenderAhead", "forkable", "workers"]
