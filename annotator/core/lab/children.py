"""The processes a lab's merge starts die with it: a killed merge leaves nothing running.

The merge verifies bundles and measures agreement in child processes (``spawn``). When the
merging process is killed (``kill -9``, the terminal closed, out of memory), a child busy with a
long job would otherwise go on for minutes (the agreement of 500,000 results) and hold the
database. Each child watches the pipe ``multiprocessing`` keeps to its parent
(:func:`multiprocessing.parent_process`, its sentinel: readable once the parent is gone) and
exits at once; on Linux the kernel's parent-death signal (``PR_SET_PDEATHSIG``) also ends it.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading


def die_with_parent() -> None:
    """A pool's ``initializer``: end this child process as soon as the process that started it is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a child of multiprocessing: nothing to watch
        return
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the watcher below does it all the same
        if os.getppid() != parent.pid:  # the parent died before the signal was asked for
            os._exit(1)

    def watch() -> None:
        parent.join()  # returns when the pipe to the parent is closed: the parent is gone
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def pool(workers: int):
    """A ``spawn`` process pool whose processes die with this one."""
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: forking a process that runs threads (Qt, audio, pools) can deadlock the child
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent)
