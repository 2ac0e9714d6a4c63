#!/usr/bin/python3
"""Builds tests/fixtures/analytics/* from real recorded data (run once; the outputs are committed).

Sources:
  TSLA: /work/shared/fixtures/yahoo/chart_TSLA_1d_1970-01-01_2023-08-12_full_history.json (Yahoo chart v8,
        3303 daily bars 2010-06-29..2023-08-11; see /work/shared/fixtures/SOURCES.md). Equity = adjusted close.
        Exposure and turnover are a real-data-derived volatility target (min(1, 40% / 20-day realized vol)),
        trades are monthly round trips of 100 shares (buy at the month's first close, sell at its last).
  SPISECTOR: R package fPortfolio (Debian r-cran-fportfolio 3042.83.1), data(SPISECTOR): Swiss
        Performance Index and its technology sector, daily levels 1999-12-30..2008-10-17. SPI has 16 missing
        days, dropped here, so the benchmark alignment by date is exercised on real gaps.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "analytics"


def tsla(src: Path) -> None:
    r = json.loads(src.read_text())["chart"]["result"][0]
    t = pd.to_datetime(r["timestamp"], unit="s", utc=True).strftime("%Y-%m-%d")
    close = pd.Series(r["indicators"]["adjclose"][0]["adjclose"], index=t, dtype=float)
    ret = close.pct_change()
    vol = ret.rolling(20).std(ddof=1) * np.sqrt(252)
    expo = np.minimum(1.0, 0.4 / vol).fillna(1.0)
    turnover = expo.diff().abs().fillna(expo.iloc[0])
    pd.DataFrame({"date": t, "equity": close.values, "exposure": expo.values, "turnover": turnover.values}).to_csv(
        OUT / "tsla_equity.csv", index=False
    )
    month = pd.Series(t, index=t).str[:7]
    rows = []
    for _, days in close.groupby(month.values):
        if len(days) >= 2:
            rows.append({"entry": days.index[0], "exit": days.index[-1], "pnl": 100 * (days.iloc[-1] - days.iloc[0])})
    pd.DataFrame(rows).to_csv(OUT / "tsla_trades.csv", index=False)


def spisector(src: Path) -> None:
    d = pd.read_csv(src)
    d[["date", "TECH"]].rename(columns={"TECH": "equity"}).to_csv(OUT / "spi_tech_equity.csv", index=False)
    d[["date", "SPI"]].dropna().rename(columns={"SPI": "close"}).to_csv(OUT / "spi_benchmark.csv", index=False)


if __name__ == "__main__":
    tsla(Path(sys.argv[1]))
    spisector(Path(sys.argv[2]))
