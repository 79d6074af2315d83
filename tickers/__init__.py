"""tickers: recover market ticker strips from damaged text.

>>> from tickers import parse
>>> [q.symbol for q in parse("Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32%")]
['DJI', 'SPX']
"""

from tickers.layouts import LayoutError
from tickers.parser import parse
from tickers.quote import Quote
from tickers.registry import RegistryError

__all__ = ["LayoutError", "Quote", "RegistryError", "parse"]
__version__ = "0.1.0"
