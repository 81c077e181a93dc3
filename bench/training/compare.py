"""Runs scikit-learn 1.2 and ModelOps.Training on the same seeded train/test split of each dataset and prints a table.

Called by compare.sh (which builds the .NET side first). Reference settings, matched on both sides:
  logistic: mean imputation + standardisation of numbers, one-hot categoricals, LogisticRegression(C=1, lbfgs)
  linear:   the same preprocessing, Ridge(alpha=1)
  gbt:      HistGradientBoosting{Classifier,Regressor} defaults (lr 0.1, 100 iterations, 31 leaves, min 20 per leaf,
            early stopping 'auto'), categoricals ordinal-encoded and declared categorical (native splits).
Times: fastest of three fits after a warm-up fit, on both sides; scikit-learn timed with its default OpenMP threads
and with one thread, the faster counting (so the reference is never handicapped by OpenMP on a busy machine).
"""
import json
import os
import warnings
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
from threadpoolctl import threadpool_limits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "tabular")
BENCH = os.environ.get("BENCH_EXE")
SEED = 42

DATASETS = [
    # name, file, read kwargs, label, task, dropped columns
    ("adult", "mlnet_adult.txt", dict(sep=",", skipinitialspace=True), "label(IsOver50K)", "classification", []),
    ("credit", "mlnet_creditapproval_train.csv", {}, "A16", "classification", []),
    ("titanic", "pycaret_titanic.csv", {}, "Survived", "classification", ["PassengerId", "Name", "Ticket", "Cabin"]),
    ("bike", "pycaret_bike.csv", {}, "cnt", "regression", ["instant", "dteday"]),
    ("wine", "pycaret_wine.csv", {}, "quality", "regression", []),
    ("elec2", "skmultiflow_elec.csv", {}, "target", "classification", []),
    ("iris", "pycaret_iris.csv", {}, "species", "classification", []),
]


def sklearn_fit(trainer, task, train, test, label, features):
    X, y = train[features], train[label]
    Xt, yt = test[features], test[label]
    categorical = [c for c in features if X[c].dtype == object]
    numeric = [c for c in features if c not in categorical]
    if trainer in ("logistic", "linear"):
        pre = ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ])
        est = LogisticRegression(C=1.0, max_iter=100) if trainer == "logistic" else Ridge(alpha=1.0)
    else:
        pre = ColumnTransformer([
            ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                                   encoded_missing_value=np.nan), categorical),
            ("num", "passthrough", numeric),
        ])
        mask = [True] * len(categorical) + [False] * len(numeric)
        cls = HistGradientBoostingClassifier if task == "classification" else HistGradientBoostingRegressor
        est = cls(categorical_features=mask if categorical else None, random_state=0)
    model = Pipeline([("pre", pre), ("est", est)])
    # Fit once to warm up, then keep the fastest of three timed fits, as the .NET side does; once with the default
    # OpenMP threads and once limited to one thread (on a loaded machine OpenMP's spinning threads can be far slower).
    # The faster of the two is the reference.
    model.fit(X, y)
    seconds = float("inf")
    for threads in (None, 1):
        with threadpool_limits(limits=threads):
            for _ in range(3):
                start = time.perf_counter()
                model.fit(X, y)
                seconds = min(seconds, time.perf_counter() - start)
    if task == "regression":
        return "rmse", mean_squared_error(yt, model.predict(Xt)) ** 0.5, seconds
    if y.nunique() == 2:
        positive = model.classes_[1]
        return "auc", roc_auc_score(yt == positive, model.predict_proba(Xt)[:, 1]), seconds
    return "accuracy", accuracy_score(yt, model.predict(Xt)), seconds


def ours_fit(trainer, task, train_csv, test_csv, label, features):
    out = subprocess.run([BENCH, "fit", train_csv, test_csv, label, task, trainer, "{}", ",".join(features)],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["metric"], result["value"], result["trainSeconds"]


def main():
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", module="sklearn")
    only = set(sys.argv[1:])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, file, kwargs, label, task, dropped in DATASETS:
            if only and name not in only:
                continue
            frame = pd.read_csv(os.path.join(DATA, file), na_values=["?", "NA", ""], keep_default_na=False, **kwargs)
            frame = frame.drop(columns=dropped)
            order = np.random.RandomState(SEED).permutation(len(frame))
            cut = int(round(len(frame) * 0.8))
            train, test = frame.iloc[order[:cut]], frame.iloc[order[cut:]]
            train_csv, test_csv = os.path.join(tmp, name + "_train.csv"), os.path.join(tmp, name + "_test.csv")
            train.to_csv(train_csv, index=False, na_rep="")
            test.to_csv(test_csv, index=False, na_rep="")
            features = [c for c in frame.columns if c != label]
            trainers = ["logistic", "gbt"] if task == "classification" else ["linear", "gbt"]
            for trainer in trainers:
                metric, sk_value, sk_seconds = sklearn_fit(trainer, task, train, test, label, features)
                _, our_value, our_seconds = ours_fit(trainer, task, train_csv, test_csv, label, features)
                rows.append((name, task, trainer, metric, our_value, sk_value, our_seconds, sk_seconds))
                print_row(rows[-1], flush=True)
    print()
    print("| dataset | task | trainer | metric | ours | sklearn | diff | train s ours | train s sklearn | time ratio | within target |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        name, task, trainer, metric, ours, sk, ts_ours, ts_sk = row
        if metric == "rmse":
            diff = (ours - sk) / sk
            quality_ok = diff <= 0.03
            diff_text = f"{diff * 100:+.1f}%"
        else:
            diff = ours - sk
            quality_ok = diff >= -0.01
            diff_text = f"{diff:+.4f}"
        ratio = ts_ours / ts_sk
        ok = "yes" if quality_ok and ratio <= 2 else ("quality only" if quality_ok else "no")
        print(f"| {name} | {task} | {trainer} | {metric} | {ours:.4f} | {sk:.4f} | {diff_text} | {ts_ours:.3f} | {ts_sk:.3f} | {ratio:.2f} | {ok} |")


def print_row(row, flush=False):
    print("  " + " ".join(str(x) if not isinstance(x, float) else f"{x:.4f}" for x in row), file=sys.stderr, flush=flush)


if __name__ == "__main__":
    main()
