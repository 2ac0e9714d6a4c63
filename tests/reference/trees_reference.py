"""Independent reference for src/core/ml/trees: scikit-learn's trees and forest, XGBoost's hist booster.
usage: python3 trees_reference.py sklearn <train.csv> <test.csv>
       python3 trees_reference.py xgboost <train.csv> <test.csv> '<params json>'
CSV columns: features…, y (a real target), label (0/1). Prints JSON of test-set predictions (and importances).
sklearn: DecisionTreeRegressor(max_depth=6, min_samples_leaf=5), DecisionTreeClassifier(max_depth=5,
min_samples_leaf=5) on the label, RandomForestRegressor(200 trees, max_features=0.34, min_samples_leaf=5) test R^2.
xgboost: xgb.train with tree_method='hist' and the given max_bin, max_depth, eta, lambda, gamma, min_child_weight,
base_score, rounds, for reg:squarederror on y and binary:logistic on label; one thread (deterministic sums)."""
import json
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
mode, train_file, test_file = sys.argv[1:4]
train = np.loadtxt(train_file, delimiter=",", skiprows=1)
test = np.loadtxt(test_file, delimiter=",", skiprows=1)
X, y, label = train[:, :-2], train[:, -2], train[:, -1].astype(int)
Xt, yt = test[:, :-2], test[:, -2]
r2 = lambda truth, pred: float(1 - np.sum((truth - pred) ** 2) / np.sum((truth - truth.mean()) ** 2))

if mode == "sklearn":
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    reg = DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, random_state=0).fit(X, y)
    clf = DecisionTreeClassifier(max_depth=5, min_samples_leaf=5, random_state=0).fit(X, label)
    forest = RandomForestRegressor(n_estimators=200, max_features=0.34, min_samples_leaf=5, random_state=0, n_jobs=1).fit(X, y)
    print(json.dumps({
        "regression": reg.predict(Xt).tolist(),
        "regressionImportance": reg.feature_importances_.tolist(),
        "regressionLeaves": int(reg.get_n_leaves()),
        "classification": clf.predict_proba(Xt)[:, 1].tolist(),
        "classificationImportance": clf.feature_importances_.tolist(),
        "forestR2": r2(yt, forest.predict(Xt)),
    }))
elif mode == "xgboost":
    import xgboost as xgb

    p = json.loads(sys.argv[4])
    common = {"tree_method": "hist", "max_bin": p["maxBin"], "max_depth": p["maxDepth"], "eta": p["eta"], "lambda": p["lambda"],
              "gamma": p["gamma"], "min_child_weight": p["minChildWeight"], "nthread": 1, "seed": 0}
    out = {}
    for task, target, objective, base in (("squared", y, "reg:squarederror", p["baseScore"]), ("logistic", label, "binary:logistic", p["baseProbability"])):
        booster = xgb.train({**common, "objective": objective, "base_score": base}, xgb.DMatrix(X, label=target), num_boost_round=p["rounds"])
        gain = booster.get_score(importance_type="total_gain")
        out[task] = booster.predict(xgb.DMatrix(Xt)).astype(float).tolist()
        out[task + "Importance"] = [float(gain.get(f"f{j}", 0.0)) for j in range(X.shape[1])]
    out["squaredR2"] = r2(yt, np.array(out["squared"]))
    print(json.dumps(out))
