#!/usr/bin/python3
"""Independent reference for src/core/analytics: every metric from its definition with pandas/numpy/scipy.

Written from the definitions in the analytics conventions, not from the TypeScript. Prints one JSON object.
usage: analytics_reference.py --equity FILE [--benchmark FILE] [--trades FILE] [--rf 0] [--window 126] [--top 5]
  equity CSV: date,equity[,exposure,turnover]; benchmark CSV: date,close; trades CSV: ...,pnl
"""
import argparse
import json
import math

import numpy as np
import pandas as pd
from scipy import stats

P = 252


def nan_to_none(x):
    if isinstance(x, (list, tuple)):
        return [nan_to_none(v) for v in x]
    if isinstance(x, dict):
        return {k: nan_to_none(v) for k, v in x.items()}
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return None if not math.isfinite(x) else x
    if isinstance(x, np.integer):
        return int(x)
    return x


def ratio(a, b):
    return float("nan") if b == 0 or not np.isfinite(a) or not np.isfinite(b) else a / b


def read_levels(path, column):
    d = pd.read_csv(path)
    s = pd.Series(d[column].astype(float).values, index=pd.to_datetime(d["date"], utc=True))
    return s, d


def drawdown_table(eq: pd.Series):
    dd = eq / eq.cummax() - 1
    under = dd < 0
    # episode id: increments each time we go from "at peak" to "under"
    starts = under & ~under.shift(1, fill_value=False)
    ids = starts.cumsum().where(under)
    out = []
    pos = pd.Series(np.arange(len(eq)), index=eq.index)
    for _, idx in ids.dropna().groupby(ids.dropna()):
        first, last = pos[idx.index[0]], pos[idx.index[-1]]
        peak = first - 1
        trough = int(dd.iloc[first : last + 1].values.argmin()) + first
        recovery = last + 1 if last + 1 < len(eq) else None
        end = recovery if recovery is not None else len(eq) - 1
        out.append(
            {
                "peak": eq.index[peak].strftime("%Y-%m-%d"),
                "trough": eq.index[trough].strftime("%Y-%m-%d"),
                "recovery": None if recovery is None else eq.index[recovery].strftime("%Y-%m-%d"),
                "depth": float(dd.iloc[trough]),
                "days": (eq.index[end] - eq.index[peak]).days,
                "points": int(end - peak),
            }
        )
    return dd, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--equity", required=True)
    ap.add_argument("--benchmark")
    ap.add_argument("--trades")
    ap.add_argument("--rf", type=float, default=0.0)
    ap.add_argument("--window", type=int, default=126)
    ap.add_argument("--top", type=int, default=5)
    a = ap.parse_args()

    eq, raw = read_levels(a.equity, "equity")
    r = eq.pct_change().dropna()
    n = len(r)
    rf_d = a.rf / P
    ex = r - rf_d

    total = eq.iloc[-1] / eq.iloc[0] - 1
    cagr = (eq.iloc[-1] / eq.iloc[0]) ** (P / n) - 1
    vol = r.std(ddof=1) * np.sqrt(P)
    sharpe = ex.mean() / ex.std(ddof=1) * np.sqrt(P)
    downside = np.sqrt((np.minimum(ex, 0) ** 2).sum() / n)
    sortino = ex.mean() / downside * np.sqrt(P)
    dd, episodes = drawdown_table(eq)
    mdd = dd.min()
    worst = sorted(episodes, key=lambda e: e["depth"])
    calmar = cagr / abs(mdd)
    omega = r[r > 0].sum() / -r[r < 0].sum()
    ulcer = np.sqrt((dd**2).mean())
    skew = r.skew()
    kurt = r.kurt()
    q05 = np.quantile(r.values, 0.05, method="linear")
    q95 = np.quantile(r.values, 0.95, method="linear")
    cvar = r[r <= q05].mean()

    if a.trades:
        pnl = pd.read_csv(a.trades)["pnl"].astype(float)
    else:
        pnl = r
    wins, losses = pnl[pnl > 0], pnl[pnl < 0]
    avg_win, avg_loss = wins.mean(), losses.mean()

    if "exposure" in raw.columns:
        exposure = raw["exposure"].astype(float).mean()
    else:
        exposure = (r != 0).sum() / n
    turnover = raw["turnover"].astype(float).mean() * P if "turnover" in raw.columns else float("nan")

    sr = ex.mean() / ex.std(ddof=1)
    g3, g4 = skew, kurt + 3
    psr = stats.norm.cdf(sr * np.sqrt(n - 1) / np.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr**2))

    metrics = {
        "totalReturn": total,
        "cagr": cagr,
        "volatility": vol,
        "sharpe": sharpe,
        "sortino": sortino,
        "calmar": calmar,
        "omega": omega,
        "maxDrawdown": mdd,
        "maxDrawdownDays": worst[0]["days"] if worst else 0,
        "longestDrawdownDays": max((e["days"] for e in episodes), default=0),
        "ulcerIndex": ulcer,
        "skew": skew,
        "kurtosis": kurt,
        "bestDay": r.max(),
        "worstDay": r.min(),
        "valueAtRisk": q05,
        "conditionalValueAtRisk": cvar,
        "tailRatio": abs(q95 / q05),
        "winRate": len(wins) / (len(wins) + len(losses)),
        "profitFactor": wins.sum() / abs(losses.sum()),
        "payoffRatio": avg_win / abs(avg_loss),
        "averageWin": avg_win,
        "averageLoss": avg_loss,
        "exposure": exposure,
        "turnover": turnover,
        "probabilisticSharpe": psr,
    }

    growth = 1 + r
    monthly = growth.groupby([r.index.year, r.index.month]).prod() - 1
    yearly = growth.groupby(r.index.year).prod() - 1
    out = {
        "metrics": metrics,
        "monthly": [{"year": int(y), "month": int(m), "value": v} for (y, m), v in monthly.items()],
        "yearly": [{"year": int(y), "value": v} for y, v in yearly.items()],
        "worstDrawdowns": worst[: a.top],
        "rollingSharpe": (ex.rolling(a.window).mean() / ex.rolling(a.window).std(ddof=1) * np.sqrt(P)).tolist(),
    }

    if a.benchmark:
        b, _ = read_levels(a.benchmark, "close")
        both = pd.concat([eq.rename("s"), b.rename("b")], axis=1, join="inner")
        rs = both["s"].pct_change().dropna() - rf_d
        rb = both["b"].pct_change().dropna() - rf_d
        ols = stats.linregress(rb.values, rs.values)
        active = rs - rb
        te = active.std(ddof=1) * np.sqrt(P)
        cov = rs.rolling(a.window).cov(rb)
        out["benchmark"] = {
            "commonPoints": len(both),
            "alpha": ols.intercept * P,
            "beta": ols.slope,
            "correlation": np.corrcoef(rs.values, rb.values)[0, 1],
            "trackingError": te,
            "informationRatio": active.mean() * P / te,
            "benchmarkTotalReturn": both["b"].iloc[-1] / both["b"].iloc[0] - 1,
        }
        out["rollingBeta"] = (cov / rb.rolling(a.window).var(ddof=1)).tolist()

    print(json.dumps(nan_to_none(out)))


if __name__ == "__main__":
    main()
