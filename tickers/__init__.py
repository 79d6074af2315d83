"""tickers: recover market ticker strips from damaged text.

>>> from tickers import parse
>>> [q.symbol for q in parse("Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32%")]
['DJI', 'SPX']
"""

__version__ = "0.1.0"

from tickers.layouts import LayoutError  # after __version__, which the store records
from tickers.parser import Scan, parse, scan
from tickers.quote import Quote, Reject
from tickers.registry import RegistryError
from tickers.schema import StoreError
from tickers.store import Store

__all__ = ["LayoutError", "Quote", "RegistryError", "Reject", "Scan", "Store", "StoreError", "parse", "scan"]
