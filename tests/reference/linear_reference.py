"""Independent reference for src/core/ml/linearModels.ts and logisticRegression.ts: scikit-learn's Ridge, Lasso and
LogisticRegression on a CSV whose last column is the target and the others the features.
usage: python3 linear_reference.py <file.csv> <ridge_alpha> <lasso_alpha> <logistic_C>
Prints JSON {ridge, lasso, logistic}: each {intercept, coefficients}; logistic's target is (y > 0). Logistic uses
sklearn's newton-cholesky solver: its default lbfgs stops ~6e-5 short of the optimum on these data even at tol 1e-12."""
import json
import sys
import warnings

import numpy as np
from sklearn.linear_model import Lasso, LogisticRegression, Ridge

warnings.simplefilter("ignore")
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
ridge = Ridge(alpha=float(sys.argv[2])).fit(X, y)
lasso = Lasso(alpha=float(sys.argv[3]), tol=1e-14, max_iter=1_000_000).fit(X, y)
logit = LogisticRegression(C=float(sys.argv[4]), solver="newton-cholesky", tol=1e-12, max_iter=100_000).fit(X, (y > 0).astype(int))
out = lambda m, c: {"intercept": float(np.ravel(m.intercept_)[0]), "coefficients": np.ravel(c).tolist()}
print(json.dumps({"ridge": out(ridge, ridge.coef_), "lasso": out(lasso, lasso.coef_), "logistic": out(logit, logit.coef_)}))
