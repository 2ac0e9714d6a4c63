#!/usr/bin/env python3
"""Independent reference for src/core/factors, in pandas/numpy/scipy.

  factors_reference.py operators <yahoo-chart.json>   rolling operators on a real daily OHLCV series
  factors_reference.py universe <EuStockMarkets.csv> <horizon> <method> <quantiles> <min_symbols>
                                                      factors, IC per date, summary and quantiles over 4 indices
Prints JSON; NaN as null.
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

WINDOWS = [5, 10, 20, 60]


def clean(values):
    return [None if (v is None or not np.isfinite(v)) else float(v) for v in values]


def trend(w, part):
    k = np.arange(len(w), dtype=float)
    slope, intercept = np.polyfit(k, w, 1)
    if part == 'slope':
        return slope
    if part == 'resi':
        return w[-1] - (intercept + slope * k[-1])
    r = np.corrcoef(k, w)[0, 1]
    return r * r


def operators(path):
    chart = json.load(open(path))['chart']['result'][0]
    q = chart['indicators']['quote'][0]
    df = pd.DataFrame({c: pd.Series(q[c], dtype=float) for c in ['open', 'high', 'low', 'close', 'volume']})
    close, volume = df['close'], df['volume']
    lv = np.log(volume + 1)
    out = {}
    for n in WINDOWS:
        r = close.rolling(n)
        weights = np.arange(1, n + 1, dtype=float)
        out[f'ts_mean(close,{n})'] = r.mean()
        out[f'ts_std(close,{n})'] = r.std()
        out[f'ts_sum(volume,{n})'] = volume.rolling(n).sum()
        out[f'ts_min(low,{n})'] = df['low'].rolling(n).min()
        out[f'ts_max(high,{n})'] = df['high'].rolling(n).max()
        out[f'ts_rank(close,{n})'] = r.rank(pct=True)
        out[f'ts_quantile(close,{n},0.8)'] = r.quantile(0.8, interpolation='linear')
        out[f'ts_quantile(close,{n},0.2)'] = r.quantile(0.2, interpolation='linear')
        out[f'ts_argmax(high,{n})'] = df['high'].rolling(n).apply(lambda w: len(w) - 1 - np.argmax(w), raw=True)
        out[f'ts_argmin(low,{n})'] = df['low'].rolling(n).apply(lambda w: len(w) - 1 - np.argmin(w), raw=True)
        out[f'ts_corr(close,log(volume+1),{n})'] = close.rolling(n).corr(lv)
        out[f'ts_cov(close,volume,{n})'] = close.rolling(n).cov(volume)
        out[f'ts_decay_linear(close,{n})'] = r.apply(lambda w: np.dot(w, weights) / weights.sum(), raw=True)
        for part, name in [('slope', 'ts_slope'), ('rsquare', 'ts_rsquare'), ('resi', 'ts_resi')]:
            out[f'{name}(close,{n})'] = r.apply(lambda w, p=part: trend(w, p), raw=True)
    out['ts_delay(close,5)'] = close.shift(5)
    out['delta(close,5)'] = close - close.shift(5)
    return {k: clean(v.to_numpy()) for k, v in out.items()}


def universe(path, horizon, method, quantiles, min_symbols):
    px = pd.read_csv(path).drop(columns=['t'])
    factors = {
        'MA10': px.rolling(10).mean() / px,
        'ROC5': px.shift(5) / px,
        'STD20': px.rolling(20).std() / px,
        'RANK20': px.rolling(20).rank(pct=True),
        'QTLU10': px.rolling(10).quantile(0.8, interpolation='linear') / px,
    }
    fwd = px.shift(-horizon) / px - 1
    result = {}
    for name, f in factors.items():
        mask = f.notna() & fwd.notna()
        x, y = f.where(mask), fwd.where(mask)
        n = mask.sum(axis=1)
        if method == 'spearman':
            x, y = x.rank(axis=1, method='average'), y.rank(axis=1, method='average')
        dx = x.sub(x.mean(axis=1), axis=0)
        dy = y.sub(y.mean(axis=1), axis=0)
        sxx, syy = (dx * dx).sum(axis=1), (dy * dy).sum(axis=1)
        ic = ((dx * dy).sum(axis=1) / np.sqrt(sxx * syy)).where((n >= max(2, min_symbols)) & (sxx > 0) & (syy > 0))
        ic = ic.iloc[: len(px) - horizon]
        used = ic.dropna().to_numpy()
        mean, std = used.mean(), used.std(ddof=1)
        ranks = f.where(mask).rank(axis=1, method='average')
        buckets = np.minimum(quantiles - 1, np.floor((ranks.sub(1)).mul(quantiles).div(n, axis=0)))
        scored = n >= max(min_symbols, quantiles, 2)
        means = pd.DataFrame({k: fwd.where(buckets == k).mean(axis=1) for k in range(quantiles)})[scored]
        result[name] = {
            'meanIC': mean, 'icStd': std, 'icir': mean / std, 'tStat': mean / (std / np.sqrt(len(used))),
            'dates': int(len(used)), 'skippedDates': int(ic.isna().sum()),
            'quantiles': [float(means[k].mean()) for k in range(quantiles)],
            'longShort': float((means[quantiles - 1] - means[0]).mean()),
            'values': clean(f.to_numpy().T.reshape(-1)),
        }
    return result


def main():
    mode = sys.argv[1]
    if mode == 'operators':
        print(json.dumps(operators(sys.argv[2])))
    elif mode == 'universe':
        print(json.dumps(universe(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))))
    else:
        raise SystemExit(f'unknown mode {mode}')


if __name__ == '__main__':
    main()
