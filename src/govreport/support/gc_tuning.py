"""Fewer garbage-collector passes while a report is loaded, laid out and written.

A render allocates hundreds of thousands of small objects (layout nodes, XML pieces) and
frees few of them before it ends, so CPython's collector keeps walking a heap that only
grows: at 1000× the seed, about a quarter of the time, and more the larger the report
(the render is then no longer linear in its size); loading a long report is alike.
Inside :func:`fewer_collections` the collector's thresholds are raised (collections still
happen, less often); they are put back as they were when the outermost block ends.  It is
opt-in: the command line (``govreport …``, and its batch workers) runs in it; the library
(``render_bytes``, ``load``) leaves the collector to its user, who may wrap a large job::

    with fewer_collections():
        govreport.render(govreport.load("big.json"), "big.hwpx")
  Nothing is frozen or disabled, so a
library user's own settings (``gc.freeze``, ``gc.disable``) are left alone; thresholds the
user set higher, or a threshold of 0 (automatic collection off), are kept.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

RENDER_THRESHOLDS = (50_000, 20, 100)
"""The collector's thresholds during a render (CPython's defaults: 700, 10, 10)."""

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None
_set: tuple[int, int, int] | None = None


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration of the block (nestable, and safe
    with several threads rendering at once: the last one out restores them)."""
    global _depth, _saved, _set
    with _lock:
        if _depth == 0:
            before = gc.get_threshold()
            wanted = before if before[0] == 0 else tuple(
                max(old, new) for old, new in zip(before, RENDER_THRESHOLDS, strict=True))
            _saved, _set = before, (wanted[0], wanted[1], wanted[2])
            if wanted != before:
                gc.set_threshold(*wanted)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                # put the thresholds back unless someone changed them meanwhile
                if _saved is not None and gc.get_threshold() == _set:
                    gc.set_threshold(*_saved)
                _saved = _set = None
