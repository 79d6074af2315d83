"""Adapters to engines that run ``tickers`` beyond one machine; each behind its own extra."""
