"""Shared by the store tests: a process that holds a store's writer lock."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager

_HOLD = """
import sys, time
from tickers import Store
with Store(sys.argv[1])._writing():
    print("held", flush=True)
    time.sleep(60)
"""


@contextmanager
def writer_holding(db: str):
    """A real second process holding ``db``'s writer lock; yields it once the lock is held."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
