#!/usr/bin/env python3
"""Monte Carlo of the surge rule's false alarms and detection delay on the example centre (config/centre.json).

Not a test fixture: the evidence behind the SurgeSettings defaults (see its remarks and docs/staffing.md, "Surges").
Each simulated day draws every queue's arrivals minute by minute as Poisson counts at the hourly profile's rate (what
the simulator does; its forecast is the same rates), judges each whole minute t on the arrivals of [t - W, t) as the
rule in SurgeDetector does (ratio >= R and P(X >= k | Poisson(mu)) <= alpha), and reports:
  false days   share of normal days with a surge judgement on any queue at any minute
  within 5     share of days on which a surge (x multiplier on one queue, 30 minutes from 10:00) is judged a surge
               at most 5 minutes after it starts
Standard library only.

    python3 surge_defaults.py [days]      # default 300 days per row; takes a few minutes
"""
import json
import math
import pathlib
import random
import sys

CONFIG = pathlib.Path(__file__).resolve().parents[3] / "config" / "centre.json"
SIMULATOR = json.load(open(CONFIG, encoding="utf-8"))["Simulator"]
PER_MINUTE = {
    q["QueueId"]: [q["ContactsPerDay"] * q["HourlyProfile"][m // 60] / sum(q["HourlyProfile"]) / 60 for m in range(1440)]
    for q in SIMULATOR["Queues"]
}


def upper_tail(k, mu):
    if k <= 0:
        return 1.0
    log_first = k * math.log(mu) - mu - math.lgamma(k + 1)
    total, term, j = 0.0, 1.0, k
    while term > total * 1e-17:
        total += term
        term *= mu / (j + 1)
        j += 1
    return math.exp(log_first) * total


def threshold(mu, ratio, alpha):
    """The fewest arrivals judged a surge against mu expected."""
    k = max(1, math.ceil(ratio / 100 * mu - 1e-12))
    while upper_tail(k, mu) > alpha:
        k += 1
    return k


def poisson(mean, rng):
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def day(window, thresholds, rng, surge_queue=None, multiplier=1.0, start=600, minutes=30):
    """(any false surge, minutes from the surge's start to its first surge judgement or None)."""
    false, first = False, None
    for queue, rates in PER_MINUTE.items():
        surged = queue == surge_queue
        counts = [poisson(rates[m] * (multiplier if surged and start <= m < start + minutes else 1), rng) for m in range(1440)]
        in_window = sum(counts[:window])
        for t in range(window, 1441):
            if in_window >= thresholds[queue][t]:
                if surged and t > start:
                    first = t - start if first is None else first
                else:
                    false = True
            if t < 1440:
                in_window += counts[t] - counts[t - window]
    return false, first


def row(window, ratio, alpha, days, rng, surge_queue="service", multiplier=3.0):
    thresholds = {
        q: {t: threshold(sum(rates[t - window:t]), ratio, alpha) for t in range(window, 1441)} for q, rates in PER_MINUTE.items()
    }
    false_days = sum(day(window, thresholds, rng)[0] for _ in range(days))
    detected = [day(window, thresholds, rng, surge_queue, multiplier)[1] for _ in range(days)]
    within5 = sum(1 for d in detected if d is not None and d <= 5)
    return false_days / days, within5 / days


if __name__ == "__main__":
    days = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(20261123)
    print("window ratio significance multiplier | false days | within 5 (service, 10:00)")
    for window, alpha in [(10, 1e-3), (5, 1e-3), (5, 1e-4), (5, 1e-5), (5, 1e-6), (10, 1e-6)]:
        for multiplier in (2.0, 3.0):
            false_days, within5 = row(window, 120, alpha, days, rng, multiplier=multiplier)
            print(f"{window:6} {120:5} {alpha:12g} {multiplier:10} | {false_days:10.3f} | {within5:8.3f}", flush=True)
