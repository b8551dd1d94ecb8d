"""CPU time of a run, for the tests that compare how work grows (never a timed assertion on
its own: a ratio of two runs on the same machine)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def cpu_seconds(run: Callable[[], object], repeats: int = 3) -> float:
    """The best CPU time of ``repeats`` runs (one run when it alone takes half a second)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()  # a collection of older objects costs more the more there are: not the checker's doing
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
        if best > 0.5:
            break
    return best
