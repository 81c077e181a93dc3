#!/usr/bin/env python3
"""Writes samples/churn.csv: 1,000 synthetic customers (seeded) for the README's retraining tour.
Churn grows with monthly charges and support calls, falls with tenure and longer contracts."""
import csv, math, random, sys

rng = random.Random(7)
contracts = ["month-to-month", "one-year", "two-year"]
services = ["fiber", "dsl", "none"]
with open(sys.argv[1] if len(sys.argv) > 1 else "samples/churn.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["tenure", "monthlyCharges", "supportCalls", "contract", "internetService", "churn"])
    for _ in range(1000):
        tenure = rng.randint(0, 72)
        contract = rng.choices(contracts, [0.55, 0.25, 0.20])[0]
        service = rng.choices(services, [0.45, 0.35, 0.20])[0]
        charges = round(rng.uniform(18, 40) + (45 if service == "fiber" else 20 if service == "dsl" else 0) + rng.gauss(0, 5), 2)
        calls = min(9, int(rng.expovariate(0.7)))
        score = -1.0 + 0.03 * (charges - 60) + 0.45 * calls - 0.04 * tenure - {"month-to-month": 0, "one-year": 1.0, "two-year": 2.0}[contract]
        churn = "yes" if rng.random() < 1 / (1 + math.exp(-score)) else "no"
        out.writerow([tenure, "" if rng.random() < 0.02 else charges, calls, contract, service, churn])
