"""tickers: recover market ticker strips from damaged text.

>>> from tickers import parse
>>> [q.symbol for q in parse("Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32%")]
['DJI', 'SPX']
"""

__version__ = "0.1.0"

from tickers.layouts import LayoutError  # noqa: E402  (after __version__, which the store records)
from tickers.parser import Scan, parse, scan  # noqa: E402
from tickers.quote import Quote, Reject  # noqa: E402
from tickers.registry import RegistryError  # noqa: E402
from tickers.schema import StoreError  # noqa: E402
from tickers.store import Store  # noqa: E402

__all__ = ["LayoutError", "Quote", "RegistryError", "Reject", "Scan", "Store", "StoreError", "parse", "scan"]
