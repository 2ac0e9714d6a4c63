#!/usr/bin/env python3
"""The XGBoost peer of `nautilus bench ml`'s gradient-boosted trees: the same rows, the same parameters.

  gbt_xgboost.py <dir> <rows> <features> <rounds> <max_depth> <eta> <max_bin> <threads>
reads <dir>/x.f32 (rows x features, row-major float32), <dir>/y.f32 and the held-out <dir>/xt.f32, <dir>/yt.f32;
times DMatrix construction plus xgb.train(tree_method='hist') with base_score = mean(y) (the quantile sketch is
built inside train, as our binning is inside our fit); prints {"seconds", "testR2"} as JSON.
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb


def main():
    folder = sys.argv[1]
    rows, features, rounds, depth = (int(v) for v in sys.argv[2:6])
    eta, max_bin, threads = float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
    x = np.fromfile(f'{folder}/x.f32', dtype=np.float32).reshape(rows, features)
    y = np.fromfile(f'{folder}/y.f32', dtype=np.float32)
    xt = np.fromfile(f'{folder}/xt.f32', dtype=np.float32).reshape(-1, features)
    yt = np.fromfile(f'{folder}/yt.f32', dtype=np.float32).astype(np.float64)
    params = {'tree_method': 'hist', 'max_depth': depth, 'eta': eta, 'max_bin': max_bin, 'lambda': 1.0, 'min_child_weight': 1.0,
              'objective': 'reg:squarederror', 'base_score': float(y.mean()), 'nthread': threads}
    start = time.perf_counter()
    booster = xgb.train(params, xgb.DMatrix(x, label=y, nthread=threads), num_boost_round=rounds)
    seconds = time.perf_counter() - start
    pred = booster.predict(xgb.DMatrix(xt, nthread=threads)).astype(np.float64)
    r2 = 1 - np.sum((yt - pred) ** 2) / np.sum((yt - yt.mean()) ** 2)
    print(json.dumps({'seconds': seconds, 'testR2': float(r2)}))


if __name__ == '__main__':
    main()
