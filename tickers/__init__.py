"""tickers: recover market ticker strips from damaged text, and keep them as a time series.

>>> from tickers import parse
>>> [q.symbol for q in parse("Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32%")]
['DJI', 'SPX']
"""

import importlib

__version__ = "0.1.0"

from tickers.layouts import LayoutError  # after __version__, which the rows record
from tickers.parser import Scan, parse, scan
from tickers.quote import Quote, Reject
from tickers.registry import RegistryError

__all__ = ["LayoutError", "Quote", "RegistryError", "Reject", "Scan", "Store", "StoreError", "parse", "scan"]
_STORE = {"Store": "tickers.store", "StoreError": "tickers.schema"}


def __getattr__(name: str):
    """The store's names load DuckDB, Arrow and pandas when first asked for: parsing alone,
    as worker processes do, stays light."""
    if name in _STORE:
        return getattr(importlib.import_module(_STORE[name]), name)
    raise AttributeError(f"module 'tickers' has no attribute {name!r}")
