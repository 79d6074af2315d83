"""Layouts of real pages, one table per class: what the data lines of real sites look like,
and the records they must give. Lines are copied from tests/golden/real/dev.toml (the case
named beside them) or are the issue's own shapes; records are written ``name-or-index value
change pct`` with ``-`` where the page gives no field."""

from __future__ import annotations

import pytest

import tickers

# (class, where from, text, records)
CASES = [
    # 1. Tables whose rows carry more than the quote: a header in the page's language names the columns.
    (
        "table",
        "th-set-marketsummary-table-2022",
        "ดัชนี | ล่าสุด | เปลี่ยนแปลง | %เปลี่ยนแปลง | สูงสุด | ต่ำสุด | ปริมาณ ('000 หุ้น) |\n"
        "SET | 1,638.75 | +5.02 | +0.31 | 1,646.37 | 1,632.66 | 22,706,002 | 66,000.12 |\n"
        "SET50 | 987.08 | +3.99 | +0.41 | 992.21 | 982.59 | 1,268,412 | 36,248.54 |",
        ["SET 1638.75 5.02 0.31", "SET50 987.08 3.99 0.41"],
    ),
    (
        "table",
        "fr-zonebourse-cloture-europe-reuters-tables-2014 (fresh)",
        " LA CLÔTURE EN EUROPE\n"
        " Indices                     Dernier  Var. Points  Var. %      YTD\n"
        " Eurostoxx 50    3194,22    +92,01     +2,97%     +2,74%\n"
        " SMI                 9080,55    +90,61     +1,01%    +10,70%",
        ["Euro Stoxx 50 3194.22 92.01 2.97", "SMI 9080.55 90.61 1.01"],
    ),
    (
        "table",
        "en-5paisa-nse-top-gainers-table (fresh): a header of single spaces, longer than a stacked field",
        "Top Gainers NSE\n\n"
        "Company Name LTP GAIN(%) Day's Low Day's High Days Volume\n"
        "Hindalco Inds. 390.55 5.2 % 375.15 395.35 17706821 Trade\n"
        "Bharti Airtel 799.90 4.6 % 761.45 809.00 7469164 Trade",
        ["Hindalco Inds 390.55 - 5.2", "Bharti Airtel 799.90 - 4.6"],  # a name's last period is no part of it
    ),
    (
        "table",
        "he-themarker-fx-indices (held): a note in parentheses belongs to the header phrase before it",
        'מדד שער (נקודות) שיעור השינוי מספר מדד\nדולר ארה"ב 3.62 -0.44 9001\nאירו 4.17 -0.77 9004',
        ['דולר ארה"ב 3.62 - -0.44', "אירו 4.17 - -0.77"],
    ),
    (
        "code",
        "ko-code-flex-market-conditions (fresh2 dev): 'difference' and 'differenceRate' keys",
        "  {\n    title: '코스피',\n    value: '2734',\n    difference: -22,\n    differenceRate: '-0.72%',\n  },",
        ["KOSPI 2734 -22 -0.72"],
    ),
    (
        "code",
        "en-code-rishi-india-marketdata (fresh2 dev): a pair's codes apart from its slash",
        '    "name": "USD / INR",\n    "price": "87.30",\n    "change": "+0.05",\n    "changePercent": "+0.06"',
        ["USD/INR 87.30 0.05 0.06"],  # the registry's pair
    ),
    (
        "table",
        "ja-jpinvesting-reuters-close-table-2023 (fresh2 dev): a header without a label over the names",
        "終値 前日比 寄り付き 安値/高値\n"
        "日経平均 30999.55 -259.81 31151.98 30,974.26─31,177.41\n"
        "TOPIX 2238.81 -16.84 2246.06 2,238.81─2,253.32",
        ["Nikkei 225 30999.55 -259.81 -", "TOPIX 2238.81 -16.84 -"],
    ),
    (
        "stacked",
        "ru-oreanda-us-indices-stacked (fresh2 dev): Russian header cells one a line",
        "Инструмент\n\nПоследняя сделка\n\nИзменение цены\n\nОткрытие\n\nМаксимум за сегодня\n\n"
        "Минимум за сегодня\n\nПредыдущее Закрытие\n\nNASDAQ\n\n3 659,64\n\n- 0,95%\n\n3 701,62\n\n"
        "3 702,15\n\n3 658,41\n\n3 694,83",
        ["Nasdaq Composite 3659.64 - -0.95"],
    ),
    (
        "table",
        "el-athexgroup-index-composition-pipe-2024",
        "Σύμβολο | Κλείσιμο | Διαφορά % | % Στάθμισης | Χρημ/κή αξία | % Συμμετοχή | Capping Factor |\n"
        "---|---|---|---|---|---|---|\n"
        "ΒΙΟ | 5,55 | 0,18 | 100 | 756.695.824,383 | 3,9806 | 0,526 |\n"
        "ΑΡΑΙΓ | 10,61 | -0,84 | 100 | 750.505.131,005 | 3,948 | 0,784 |\n"
        "DIMAND | 9,6 | 0,84 | 100 | 179.330.880 | 0,9434 | 1 |",
        ["ΒΙΟ 5.55 - 0.18", "ΑΡΑΙΓ 10.61 - -0.84", "DIMAND 9.6 - 0.84"],
    ),
    (
        "table",
        "de-comdirect-indextabelle-2017",
        "Index Werte Aktuell Diff. % 1 Jahr 5 Jahre\n"
        "DAX 30 Realtime-Kurs für Kunden 12.659,15   0,31% 28,62% 101,39%\n"
        "Euro Stoxx 50 50 3.595,03   0,52% 22,65% 68,57%\n"
        "NASDAQ 100 107 5.703,3461   0,07% 30,63% 124,46%",
        ["DAX 12659.15 - 0.31", "Euro Stoxx 50 3595.03 - 0.52", "Nasdaq 100 5703.3461 - 0.07"],
    ),
    (
        "table",
        "en-chinagate-hsi-table-2015",
        "Index Previous Close Close Change\n\nHang Seng Index 27,822.28 27,591.25 -231.03\n\nFinance 39,836.11 39,618.73 -217.38",
        ["Hang Seng 27591.25 -231.03 -", "Finance 39618.73 -217.38 -"],
    ),
    (
        "table",
        "hr-zse-reference-prices-isin",
        "Simbol ISIN Cijena Količina Promet\n"
        "7SLO HRICAMFSBI06 20,25 66,00 1.336,50\n"
        "ADPL HRADPLRA0006 13,0068 1.110,00 14.437,50\n"
        "HT HRHT00RA0005 24,3365 622,00 15.137,30",
        ["7SLO 20.25 - -", "ADPL 13.0068 - -", "HT 24.3365 - -"],
    ),
    (
        "table",
        "issue: a row with a date, open, high and low",
        "Index | Date | Last | Open | High | Chg | Chg %\n"
        "| Dow Jones | 03.12.2026 | 34 230,34 | 34 101,20 | 34 310,00 | +97,31 | +0,29 % |",
        ["Dow Jones Industrial Average 34230.34 97.31 0.29"],
    ),
    (
        "table, no header",
        "zh-code-itheima-sina-hq-doc",
        'var hq_str_s_sh000001="上证指数,3639.7754,20.5868,0.57,3296819,43348980";\n'
        'var hq_str_int_dji="道琼斯,36338.30,-59.78,-0.16";',
        ["Shanghai Composite 3639.7754 20.5868 0.57", "Dow Jones Industrial Average 36338.30 -59.78 -0.16"],
    ),
    # 2. Flattened tables whose cells are glued with no separator.
    (
        "glued",
        "de-onvista-dpa-boersentag-glued (fresh2 dev): a comma-decimal level run into its percentage",
        "DAX 11391,282,87% EuroSTOXX 502971,352,27% Stoxx50 2877,031,4%\n"
        "DJIA 24465,16-0,04% S&P 500 2955,450,24% NASDAQ 100 9413,990,38%",
        [
            "DAX 11391.28 - 2.87",
            "Euro Stoxx 50 2971.35 - 2.27",
            "Stoxx Europe 50 2877.03 - 1.4",
            "Dow Jones Industrial Average 24465.16 - -0.04",
            "S&P 500 2955.45 - 0.24",
            "Nasdaq 100 9413.99 - 0.38",
        ],
    ),
    (
        "glued",
        "issue: a symbol glued to the name, a time glued to the level",
        ".DJIDow Jones Industrial Average11:15am EST34,230.34+97.31+0.29%",
        ["Dow Jones Industrial Average 34230.34 97.31 0.29"],
    ),
    (
        "glued",
        "en-goforviral-us-overview-2020",
        "Dow Jones Industrial Average30,155-44.77\nNASDAQ Composite Index12,658+63.13\nS&P 500 Index3,701+6.55",
        ["Dow Jones Industrial Average 30155 -44.77 -", "Nasdaq Composite 12658 63.13 -", "S&P 500 3701 6.55 -"],
    ),
    (
        "glued",
        "de-comdirect-informer-2017",
        "DAX Realtime-Kurs für Kunden12.659,15 +0,31%\nMDAX Realtime-Kurs für Kunden25.018,09 +0,20%",
        ["DAX 12659.15 - 0.31", "MDAX 25018.09 - 0.20"],
    ),
    # 3. One cell per line, and labelled widgets; the name is the widget's heading.
    (
        "stacked",
        "de-finanzen-ch-spi-2026",
        "Name\nISIN\nLetzter\nVortag\nHoch\nTief\n+/-\n%\nZeit\nDatum\n"
        "ABB\nCH0012221716\n60.14\n59.24\n60.18\n59.36\n0.90\n1.52\n17:19:56\n09.01.2026\nHandeln\n"
        "Alcon\nCH0432492467\n63.76\n64.56\n64.80\n63.24\n-0.80\n-1.24\n17:19:55\n09.01.2026\nHandeln",
        ["ABB 60.14 0.90 1.52", "Alcon 63.76 -0.80 -1.24"],
    ),
    (
        "stacked",
        "issue: each number under its label",
        "DAX\nValue\n15,141.10\nChange\n-29.68\n% change\n-0.20%",
        ["DAX 15141.10 -29.68 -0.20"],
    ),
    (
        "stacked",
        "ru-companion-ua-russian-indices-close",
        "Индекс РТС\n\n \n\nдолларовый\n\n1800.04\n\n35.00\n\n1.98\n\nИндекс ММВБ10\n\n \n\nрублёвый\n\n3660.39\n\n66.77\n\n1.86",
        ["RTS 1800.04 35.00 1.98", "Индекс ММВБ10 3660.39 66.77 1.86"],
    ),
    # 4. Code behind ticker widgets.
    (
        "code",
        "issue: a JavaScript object",
        '{name: "DAX", last: "15.141,10", chg: "-0,20%"}',
        ["DAX 15141.10 - -0.20"],
    ),
    (
        "code",
        "issue: an array of strings",
        '["FTSE 100 ▲ 0.82%", "DAX ▼ 0.31%", "CAC 40 ▲ 0.12%"]',
        ["FTSE 100 - - 0.82", "DAX - - -0.31", "CAC 40 - - 0.12"],
    ),
    (
        "code",
        "code-en-finpal-market-indices: keys of code are no prose",
        'export const marketIndices: MarketIndex[] = [\n  {\n    name: "S&P 500",\n    value: "5,648.40",\n'
        '    change: "+24.67",\n    percentChange: "+0.44%",\n  },\n'
        '  { name: "VIX", value: "15.00", change: "-0.63", percentChange: "-4.15%" },\n];',
        ["S&P 500 5648.40 24.67 0.44", "VIX 15.00 -0.63 -4.15"],
    ),
    (
        "code",
        "code-en-crypto-numismatics-mock: keys of price APIs",
        '{"symbol": "BTC", "price_usd": "6428.1", "percent_change_24h": "-0.43"},\n'
        '{"symbol": "ETH", "price_usd": 212.87, "percent_change_24h": "1.02"},\n'
        '{"symbol": "XRP", "price_usd": 0.4622, "percent_change_24h": "-1.37"}',
        ["Bitcoin 6428.1 - -0.43", "Ethereum 212.87 - 1.02", "XRP 0.4622 - -1.37"],
    ),
    (
        "code",
        "en-code-sampleindices-nasdaq100-tsx: parentheses around the percentage alone wrap it",
        '{"Symbol": "MSFT", "Price": "225.03", "change": 0.1, "changePerc": "(0.04%)"}',
        ["MSFT 225.03 0.1 0.04"],
    ),
    (
        "code",
        "en-sa-code-saudi-heatmap-sectors: a level of 0 is an empty cell",
        "{ name: 'Banks', marketCap: 12800.49, price: 0, change: 0.57 },\n"
        "{ name: 'Energy', marketCap: 4924.57, price: 0, change: 0.93 },",
        [],
    ),
    # 5. Partial entries.
    (
        "partial",
        "issue: a level only, under an arrow",
        "NIFTY 50 ▼ 23,306 · SENSEX ▼ 76,810",
        ["Nifty 50 23306 - -", "BSE Sensex 76810 - -"],
    ),
    (
        "partial",
        "issue: a sign a space split from its percentage",
        "DAX 15.141,10 - 0,48 %",
        ["DAX 15141.10 - -0.48"],
    ),
    (
        "partial",
        "de-wiwo-tops-flops-amerika",
        "NameKurs+/-in %\nNASDAQ 100 8.436,67 −437,09 −4,93%\nDow Jones Global Titans 50 Ind 409,43 −− −−",
        ["Nasdaq 100 8436.67 -437.09 -4.93", "Dow Jones Global Titans 50 Ind 409.43 - -"],
    ),
    # 6. Stand-alone data lines in words.
    (
        "verbal",
        "issue: up N points or P% at L",
        "Dow industrial average is up 263 points or 0.77% at 34521",
        ["Dow Jones Industrial Average 34521 263 0.77"],
    ),
    (
        "verbal",
        "pt-jornaldenegocios-mercados-em-numeros",
        "PSI-20 valoriza 1,47% para 5.404,31 pontos\n\nStoxx 600 aprecia 0,65% para 375,21 pontos",
        ["PSI 20 5404.31 - 1.47", "Stoxx 600 375.21 - 0.65"],
    ),
    (
        "verbal",
        "en-abc-market-snapshot-2024-02-27",
        "- ASX 200 futures: -0.1% to 7,607 points\n- Spot gold: -0.1% to $US2,031/ounce\n- Brent crude: +1.5% to $US82.53/barrel",
        ["S&P/ASX 200 7607 - -0.1", "Gold 2031 - -0.1", "Brent Crude 82.53 - 1.5"],
    ),
    (
        "verbal",
        "en-pressreader-pgcitizen-money-in-brief-2018-06-21",
        "Dow - 24,657.80, down 42.41 points\n\nS&P 500 - 2,767.32, up 4.73 points",
        ["Dow Jones Industrial Average 24657.80 -42.41 -", "S&P 500 2767.32 4.73 -"],
    ),
    (
        "strip",
        "en-pk-brecorder-ticker-nochange",
        "AGL 36.51 Decreased By ▼ -1.49 (-3.92%)\nFFBL 88.94 No Change ▼ 0.00 (0%)\nBOP 9.46 Increased By ▲ 0.04 (0.42%)",
        ["AGL 36.51 -1.49 -3.92", "FFBL 88.94 0.00 0", "BOP 9.46 0.04 0.42"],
    ),
    (
        "table",
        "en-chinagate-hsi-table-2015: a name cut by a line break before its generic word",
        "Index Previous Close Close Change\n\nCom/Ind 15,944.64 15,750.97 -193.67\n\nChina Enterprises\n\n"
        "Index 14,009.76 13,926.28 -83.48",
        ["Com/Ind 15750.97 -193.67 -", "China Enterprises Index 13926.28 -83.48 -"],
    ),
    (
        "verbal",
        "en-wtop-ap-how-indexes-fared-2021-02-24: 'up N points' is a move; a heading names the week; lines in words make a list",
        "On Wednesday:\n\nThe S&P 500 rose 44.06 points, or 1.1%, to 3,925.43.\n\nFor the week:\n\n"
        "The S&P 500 is up 18.72 points, or 0.5%.\n\nFor the year:\n\nThe Nasdaq is down 276.50 points, or 2%.",
        ["S&P 500 3925.43 44.06 1.1"],
    ),
    # 7. Chinese, Japanese and Korean strips with units and directions glued to the numbers.
    ("cjk", "issue: Korean", "코스피 2,197.16(0.92%)상승", ["KOSPI 2197.16 - 0.92"]),
    ("cjk", "issue: Japanese", "日経平均 39,910.82 前日比 +744.63 +1.90%", ["Nikkei 225 39910.82 744.63 1.90"]),
    ("cjk", "issue: Chinese", "恒生指數 17,800 跌 1.27%", ["Hang Seng 17800 - -1.27"]),
    # 8. Currencies, commodities and stocks in strips.
    ("fx", "issue: a currency pair", "EUR/USD 1.0842 –0.12%", ["EUR/USD 1.0842 - -0.12"]),
    (
        "fx",
        "en-me-arab-exchanges-ticker-2019",
        "ADI 4970.809 (AED)  0.3% | DFMGI 3274.06 (AED)  -0.15% | TASI 9717.9 (SAR)  -0.65%",
        ["ADI 4970.809 - 0.3", "DFM General 3274.06 - -0.15", "Tadawul All Share 9717.9 - -0.65"],
    ),
    (
        "fx",
        "en-me-arab-exchanges-ticker-2019: any currency's code in parentheses",
        "DFMGI 3274.06 (AED)  -0.15% | ISX 72.01 (IQD)  0% | PLE 483.41 (JOD)  -0.01% | TUNINDEX 5585.19 (TND)  0.45%",
        ["DFM General 3274.06 - -0.15", "ISX 72.01 - 0", "PLE 483.41 - -0.01", "TUNINDEX 5585.19 - 0.45"],
    ),
    (
        "fx",
        "fa-asre-eghtesad-prices-strip: a price in another money is checked by no range",
        "دلار: 156,470 تومان\nانس طلا: 777,430,583.2 تومان\nآلومینیوم: 311.1 تومان\nنیکل: 2,679,177,916.1 تومان",
        ["دلار 156470 - -", "انس طلا 777430583.2 - -", "آلومینیوم 311.1 - -", "نیکل 2679177916.1 - -"],
    ),
    (
        "fx",
        "ro-mediafax-bnr-reference-rates-2025: lower-case words before a currency code end a name",
        "Moneda Simbol RON\nEuro EUR 5,0889\nDolarul SUA USD 4,3349\nFrancul elvețian CHF 5,4403\nCoroana cehă CZK 0,2098",
        ["Euro 5.0889 - -", "Dolarul SUA 4.3349 - -", "Francul elvețian 5.4403 - -", "Coroana cehă 0.2098 - -"],
    ),
    (
        "fx",
        "es-cholilaonline-dolar-argentina",
        "- Dólar oficial: $1515,00\n- Dólar blue: $1520,00\n- Dólar tarjeta: $1969,50",
        ["Dólar oficial 1515.00 - -", "Dólar blue 1520.00 - -", "Dólar tarjeta 1969.50 - -"],
    ),
    # 9. Names: odd case, abbreviations, aliases, digits for letters, digits that belong to the name.
    ("names", "issue: lower case", "ibex 9.123,4 +0,5%", ["IBEX 35 9123.4 - 0.5"]),
    (
        "names",
        "issue: an abbreviation",
        "Dow Jones Ind. 34,230.34 +97.31 +0.29%",
        ["Dow Jones Industrial Average 34230.34 97.31 0.29"],
    ),
    ("names", "issue: a zero for an O", "K0SPI 2,500.12 +1.2%", ["KOSPI 2500.12 - 1.2"]),
    ("names", "issue: a symbol", "N225 28,029.57 +1.0%", ["Nikkei 225 28029.57 - 1.0"]),
    ("names", "issue: a name's digits are no level", "S&P 500 ▲ 1.14%", ["S&P 500 - - 1.14"]),
    ("names", "issue: a name's digits are no level", "EURO STOXX 50 4,309.12", ["Euro Stoxx 50 4309.12 - -"]),
    (
        "names",
        "en-pressreader-pgcitizen: a short word in lower case is no symbol",
        "Mexico peso 0.06525\n\nPeruvian new sol 0.4054\n\nRussia rouble 0.02090\n\nSaudi riyal 0.3546",
        ["Mexico peso 0.06525 - -", "Russia rouble 0.02090 - -", "Saudi riyal 0.3546 - -"],
    ),
    (
        "names",
        "en-livetradingnews-apac-glued-2020: a symbol glued before the name",
        ".KS11KOSPI Index5:01am EDT2,365.90+7.90+0.34%\n.SETISET Composite Index5:44am EDT1,250.15+7.16+0.58%\n"
        ".TRXFLDJPPThomson Reuters Equity Japan Index3:38am EDT144.32+0.76+0.53%",
        ["KOSPI 2365.90 7.90 0.34", "SET Index 1250.15 7.16 0.58", "Thomson Reuters Equity Japan Index 144.32 0.76 0.53"],
    ),
    ("names", "issue: digits glued to the name", "Nikkei225 28,029.57 +1.0%", ["Nikkei 225 28029.57 - 1.0"]),
]

# Look-alikes from real pages: they give nothing.
NEGATIVES = [
    ("pl-zanotowane-currency-basket-weights-negative", "USD - 45%\nDEM - 35%\nGBP - 10%\nFRF - 5%\nCHF - 5%"),
    (
        "en-openedu-fund-statistics-negative",
        "3-year standard deviation | 7.19% |\n3-year mean return | 5.64% |\n3-year alpha | -5.41 |",
    ),
    (
        "ru-foreignaffairs-moex-divisors-2023",
        "1 IMOEX Рубль Индекс МосБиржи 1 771 049 604,4106\n\n4 MRBC Рубль Индекс МосБиржи 15 1 468 580 463,5230",
    ),
    (
        "en-swindontownfc-league-table-negative",
        "  TEAM P W D L F A GD Pts \n1 Liverpool 7 7 0 0 18 5 13 21 \n2 Manchester City 7 5 1 1 27 7 20 16",
    ),
    (
        "it-livornopress-voti-camera-2018",
        "LEGA | 4.387.119 | 18,15 | |\nFORZA ITALIA | 3.351.679 | 13,87 | |\nPARTITO DEMOCRATICO | 4.616.269 | 19,10 | |",
    ),
    ("issue: a report sentence", "The Dow rose 0.4% on Monday."),
    ("poll tracker", "Poll average     Latest   Change (7d)\nLabour            40.1%     -0.8\nConservative      21.4%     +0.3"),
]


# Sentences: records in prose mode only; the default mode reads none of them (issue 10).
SENTENCES = [
    (
        "cjk",
        "zh-rthk-agora-hk-preopen-2023",
        "港股競價時段上升。恒生指數報18851點,升57點,升幅0.31%。",
        ["Hang Seng 18851 57 0.31"],
    ),
    (
        "cjk",
        "zh-ifuun-us-close-2018: 'or' (或) and 'closed' (收) are no names",
        "道瓊斯工業指數收跌558.72點,或2.24%,報24,388.95點;納斯達克指數收跌219.01點,或3.05%,報6,969.25點。",
        ["Dow Jones Industrial Average 24388.95 -558.72 -2.24", "Nasdaq Composite 6969.25 -219.01 -3.05"],
    ),
]


def _shown(q: tickers.Quote) -> str:
    fields = (q.value, q.change, q.pct_change)
    return " ".join([q.index or q.name, *("-" if f is None else str(f) for f in fields)])


@pytest.mark.parametrize("kind, source, text, records", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_real_layout(kind, source, text, records):
    assert [_shown(q) for q in tickers.parse(text)] == records


@pytest.mark.parametrize("kind, source, text, records", SENTENCES, ids=[f"{c[0]}:{c[1]}" for c in SENTENCES])
def test_real_sentence_is_prose(kind, source, text, records):
    assert tickers.parse(text) == []
    assert [_shown(q) for q in tickers.parse(text, prose=True) if "prose" in q.repairs] == records


@pytest.mark.parametrize("source, text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_real_lookalike_gives_nothing(source, text):
    assert tickers.parse(text) == []


def test_percentages_without_a_sign_or_a_header_are_read_from_the_whole_table():
    """en-gpwbenchmark-indices-table-tail-2025 (fresh): as changes every row but one would move
    less than 0.05 % of its level; they are percentages."""
    text = (
        "|\nWIG140 | 2,116.31 | 0.10 | 17:15:00 | |\n|\nWIG.MS-ECM | 8,035.57 | -1.12 | 17:15:00 | |\n|\n"
        "WIGind | 17,940.02 | 0.52 | 17:15:00 | |\n|\nWIGmed | 19,064.56 | 0.41 | 17:15:00 | |\n|\n"
        "WIGtechTR | 17,116.33 | 0.38 | 17:15:00 | |\n|\nWIG20TRsht | 2,674.79 | -0.04 | 17:15:00 | |"
    )
    got = [(str(q.value), q.change, str(q.pct_change)) for q in tickers.parse(text)]
    labelled = [
        ("2116.31", "0.10"),
        ("8035.57", "-1.12"),
        ("17940.02", "0.52"),
        ("19064.56", "0.41"),
        ("17116.33", "0.38"),
        ("2674.79", "-0.04"),
    ]
    assert got == [(value, None, pct) for value, pct in labelled]
