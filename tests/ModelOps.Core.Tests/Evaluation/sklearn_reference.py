#!/usr/bin/python3
"""Reference numbers for ClassificationMetricsTests and RegressionMetricsTests.

Run with /usr/bin/python3 (python3-sklearn, scikit-learn 1.2.1). The tests hard-code the inputs below and the
numbers this prints. Conventions mirrored from ModelOps.Evaluation: classes sorted ordinally, predicted class =
argmax over the sorted probability columns, binary positive class = second sorted class.
"""
import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score, log_loss, mean_absolute_error,
                             mean_squared_error, precision_score, r2_score, recall_score, roc_auc_score)


def classification(name, labels, classes, probs):
    order = sorted(range(len(classes)), key=lambda i: classes[i])
    sorted_classes = [classes[i] for i in order]
    p = np.array(probs, dtype=np.float64)[:, order]
    y = np.array(labels)
    pred = np.array(sorted_classes)[np.argmax(p, axis=1)]
    out = {"accuracy": accuracy_score(y, pred)}
    if len(sorted_classes) == 2:
        pos = sorted_classes[1]
        out["precision"] = precision_score(y, pred, pos_label=pos, zero_division=0)
        out["recall"] = recall_score(y, pred, pos_label=pos, zero_division=0)
        out["f1"] = f1_score(y, pred, pos_label=pos, zero_division=0)
        yb = (y == pos).astype(int)
        try:
            out["auc"] = roc_auc_score(yb, p[:, 1])
        except ValueError as e:
            out["auc"] = "ValueError: " + str(e)
        out["prAuc"] = average_precision_score(yb, p[:, 1]) if yb.sum() > 0 else "no positive"
    else:
        out["precision"] = precision_score(y, pred, average="macro", zero_division=0)
        out["recall"] = recall_score(y, pred, average="macro", zero_division=0)
        out["f1"] = f1_score(y, pred, average="macro", zero_division=0)
        try:
            out["auc"] = roc_auc_score(y, p, multi_class="ovr", average="macro", labels=sorted_classes)
        except ValueError as e:
            out["auc"] = "ValueError: " + str(e)
        yb = np.array([[1 if v == c else 0 for c in sorted_classes] for v in y])
        out["prAuc"] = average_precision_score(yb, p, average="macro")
    out["logLoss"] = log_loss(y, p, labels=sorted_classes)
    print(name)
    for k, v in out.items():
        print(f"    {k} = {v!r}")


def regression(name, actual, predicted):
    print(name)
    print(f"    rmse = {mean_squared_error(actual, predicted, squared=False)!r}")
    print(f"    mae = {mean_absolute_error(actual, predicted)!r}")
    print(f"    r2 = {r2_score(actual, predicted)!r}")


print("scikit-learn", sklearn.__version__)

# Binary with tied scores (0.35 x3, 0.6 x2, 0.8 x2) and a 0.5/0.5 row (argmax picks class "0").
classification("binary_ties", ["0", "1", "0", "1", "1", "0", "1", "0", "1", "0", "1", "1"], ["0", "1"],
               [[0.9, 0.1], [0.65, 0.35], [0.65, 0.35], [0.4, 0.6], [0.2, 0.8], [0.4, 0.6], [0.65, 0.35],
                [0.2, 0.8], [0.5, 0.5], [0.7, 0.3], [0.05, 0.95], [0.45, 0.55]])

# Perfect and inverted classifiers.
classification("binary_perfect", ["0", "0", "1", "1", "0", "1"], ["0", "1"],
               [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.1, 0.9], [0.6, 0.4], [0.4, 0.6]])
classification("binary_inverted", ["0", "0", "1", "1", "0", "1"], ["0", "1"],
               [[0.1, 0.9], [0.2, 0.8], [0.7, 0.3], [0.9, 0.1], [0.4, 0.6], [0.6, 0.4]])

# Columns given as ["yes", "no"]: sorted order is no, yes, so "yes" is the positive class.
classification("binary_strings", ["yes", "no", "yes", "no", "no", "yes", "yes"], ["yes", "no"],
               [[0.7, 0.3], [0.4, 0.6], [0.45, 0.55], [0.1, 0.9], [0.8, 0.2], [0.9, 0.1], [0.6, 0.4]])

# A probability of exactly 0 and 1 for the true class: log loss clips to [eps, 1 - eps].
classification("binary_clipping", ["1", "0", "1", "0"], ["0", "1"],
               [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.3, 0.7]])

# Only one class among the labels: roc_auc_score raises; log loss is defined with the classes given.
classification("binary_single_class", ["1", "1", "1", "1"], ["0", "1"],
               [[0.2, 0.8], [0.6, 0.4], [0.3, 0.7], [0.1, 0.9]])

# Three classes with ties, one class never predicted.
classification("multiclass", ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"], ["c", "a", "b"],
               [[0.2, 0.5, 0.3], [0.2, 0.3, 0.5], [0.4, 0.3, 0.3], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4],
                [0.3, 0.4, 0.3], [0.2, 0.2, 0.6], [0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.4, 0.3]])

regression("regression", [3.0, -0.5, 2.0, 7.0, 4.2, 1.1], [2.5, 0.0, 2.0, 8.0, 3.9, 1.5])
regression("regression_constant_actual", [2.0, 2.0, 2.0], [2.0, 2.5, 1.0])
