#!/usr/bin/env python3
"""The pandas peer of `nautilus bench factors`: the same 20 library factors over the same panel.

  factors_pandas.py <dir> <symbols> <dates>
reads <dir>/{high,low,close,volume}.f64 (float64, symbol-major), computes the factors on dates × symbols frames
(pandas' rolling kernels run column by column in C), prints {"seconds": …, "checksum": {name: sum}} as JSON.
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def main():
    folder, symbols, dates = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    load = lambda f: pd.DataFrame(np.fromfile(f'{folder}/{f}.f64', dtype=np.float64).reshape(symbols, dates).T)
    high, low, close, volume = (load(f) for f in ['high', 'low', 'close', 'volume'])
    start = time.perf_counter()
    out = {}
    lv = np.log(volume + 1)
    up = (close > close.shift(1)).astype(float).where(close.shift(1).notna())
    for d in (5, 20):
        out[f'ROC{d}'] = close.shift(d) / close
        out[f'MA{d}'] = close.rolling(d).mean() / close
        out[f'STD{d}'] = close.rolling(d).std() / close
        out[f'MAX{d}'] = high.rolling(d).max() / close
        out[f'MIN{d}'] = low.rolling(d).min() / close
        out[f'QTLU{d}'] = close.rolling(d).quantile(0.8) / close
        out[f'RANK{d}'] = close.rolling(d).rank(pct=True)
        hh, ll = high.rolling(d).max(), low.rolling(d).min()
        out[f'RSV{d}'] = (close - ll) / (hh - ll + 1e-12)
        out[f'CORR{d}'] = close.rolling(d).corr(lv)
        out[f'CNTP{d}'] = up.rolling(d).mean()
    seconds = time.perf_counter() - start
    print(json.dumps({'seconds': seconds, 'checksum': {k: float(np.nansum(v.to_numpy())) for k, v in out.items()}}))


if __name__ == '__main__':
    main()
