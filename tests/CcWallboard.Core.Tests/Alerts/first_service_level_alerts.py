#!/usr/bin/env python3
"""When the default rule "service-level-below-target" first raises for each queue of Replay/Fixtures/day.jsonl.

Written from shared/domain/METRICS.md and docs/alerts.md, not from the C# engine: replay ticks every second; at a
tick t the figures stand at t - AllowedLatenessSeconds (5 s); the 15-minute sliding window holds outcomes with
time in (end - 15 min, end]; the service level below the queue's target at every tick for 300 s raises.

    python3 first_service_level_alerts.py    # prints: queue, raise time, service level then
"""
import datetime as dt
import json
import pathlib

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Replay" / "Fixtures"
LATENESS = dt.timedelta(seconds=5)
WINDOW = dt.timedelta(minutes=15)
UTC = dt.timezone.utc

events, seen = [], set()
for line in open(FIXTURES / "day.jsonl", encoding="utf-8"):
    e = json.loads(line)
    if e["id"] in seen:
        continue
    seen.add(e["id"])
    e["t"] = dt.datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
    events.append(e)
events.sort(key=lambda e: e["t"])
queues = {q["Id"]: q for q in json.load(open(FIXTURES / "centre.json", encoding="utf-8"))["Queues"]}

queued, outcomes = {}, []
for e in events:
    if e["type"] == "contact.queued":
        queued[(e["queueId"], e["contactId"])] = e["t"]
    elif e["type"] in ("contact.answered", "contact.abandoned"):
        wait = (e["t"] - queued[(e["queueId"], e["contactId"])]).total_seconds()
        outcomes.append((e["t"], e["queueId"], e["type"] == "contact.answered", wait))


def service_level(queue, end):
    q = queues[queue]
    t, short = q["ServiceLevelSeconds"], q["ShortAbandonSeconds"]
    a = a_t = b = b_t = 0
    for at, name, answered, wait in outcomes:
        if name != queue or not end - WINDOW < at <= end:
            continue
        if answered:
            a, a_t = a + 1, a_t + (wait <= t)
        elif not (short > 0 and wait < short):
            b, b_t = b + 1, b_t + (wait <= t)
    num, den = {
        "AbandonsNegative": (a_t, a + b),
        "AbandonsWithinThresholdIgnored": (a_t, a + b - b_t),
        "AbandonsPositive": (a_t + b_t, a + b),
        "AbandonsIgnored": (a_t, a),
    }[q["ServiceLevelFormula"]]
    return None if den == 0 else 100 * num / den


for queue, q in queues.items():
    since, tick = None, dt.datetime(2026, 11, 17, 0, 0, tzinfo=UTC)
    while tick <= events[-1]["t"]:
        value = service_level(queue, tick - LATENESS)
        if value is not None and value < q["ServiceLevelTargetPercent"]:
            since = since or tick
            if (tick - since).total_seconds() >= 300:
                print(queue, tick.isoformat(), value)
                break
        else:
            since = None
        tick += dt.timedelta(seconds=1)
    else:
        print(queue, "none")
