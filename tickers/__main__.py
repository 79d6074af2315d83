from tickers.cli import main

main()
