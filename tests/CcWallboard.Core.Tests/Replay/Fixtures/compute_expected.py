#!/usr/bin/env python3
"""compute_expected.py - the expected queue figures of a recorded day, computed independently
of the C# engine from shared/domain/METRICS.md and REPLAY.md (standard library only).

    python3 compute_expected.py [CENTRE.json DAY.jsonl OUT.json] [--explain]

Defaults: centre.json day.jsonl expected.json (next to this script). --explain prints every
contact's outcome, wait and handle time to stderr so a figure can be checked by hand.

Definitions applied (see README.md for the full list):
- Lines are read in file order; a repeated `id` is dropped (first occurrence wins). Every other
  line must be at most AllowedLatenessSeconds behind the latest `at` seen before it (the script
  refuses files where this does not hold: it does not model events dropped as too late).
  The events are then processed sorted by `at` (instants; offsets are honoured).
- Queue outcomes (answered, abandoned, transferred out) count in the window containing the
  outcome time. wait = outcome time - time of the contact.queued for that queue.
  Answered within threshold iff wait <= T. Short abandon iff shortAbandonSeconds > 0 and
  wait < shortAbandonSeconds. `abandoned` excludes short abandons; `abandonedWithinThreshold`
  = non-short abandons with wait <= T. offered = answered + abandoned + shortAbandoned; a
  contact transferred out is not offered in the queue it left (it is offered in the queue it
  went to, with its wait measured from its contact.queued there).
- serviceLevelPercent per the queue's ServiceLevelFormula (short abandons already removed),
  abandonmentRatePercent = abandoned / (answered + abandoned) * 100, asaSeconds = sum of
  answered waits / answered, ahtSeconds (today only) = sum of handle / handled, handle = talk
  (answered -> ended) + ACW, attributed to the window containing the end of ACW.
- ACW: after contact.ended for agent X, if X is in state acw at that instant or X's next
  agent.state is acw, ACW runs from the ended time to X's next agent.state that is not acw;
  otherwise ACW is 0 and the handle completes at the ended time.
- A figure whose denominator is 0 is null. Counts are ints; other figures unrounded floats.
- today = the centre day (DayStartsAt local to DayStartsAt local the next day) holding the
  events; intervals = IntervalMinutes slots aligned to the local wall clock, keyed by their
  local start with its UTC offset, listed only when the queue had an outcome in them
  (answered, abandoned incl. short, or transferred out), in time order.
"""
import bisect
import json
import os
import sys
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = 1_000_000  # all instants and durations are integer microseconds


def fail(msg):
    sys.exit("compute_expected.py: " + msg)


def get(obj, key, default=None, required=True):
    """Case-insensitive configuration key, as the host's configuration binder reads them."""
    for k, v in obj.items():
        if k.lower() == key.lower():
            return v
    if required and default is None:
        fail("configuration key %r is missing" % key)
    return default


def instant(text, where):
    try:
        dt = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        fail("%s: 'at' %r is not ISO 8601" % (where, text))
    if dt.tzinfo is None:
        fail("%s: 'at' %r has no offset" % (where, text))
    return (dt - EPOCH) // timedelta(microseconds=1)


def to_dt(us, tz):
    return (EPOCH + timedelta(microseconds=us)).astimezone(tz)


def load_config(path):
    with open(path, encoding="utf-8") as f:
        cfg = json.load(f)
    centre = get(cfg, "Centre")
    queues = []
    for q in get(cfg, "Queues"):
        queues.append({
            "id": get(q, "Id"),
            "T": get(q, "ServiceLevelSeconds"),
            "formula": get(q, "ServiceLevelFormula", "AbandonsWithinThresholdIgnored", required=False),
            "short": get(q, "ShortAbandonSeconds", 5, required=False),
        })
    return {
        "tz": ZoneInfo(get(centre, "TimeZone")),
        "interval": int(get(centre, "IntervalMinutes", 15, required=False)),
        "dayStartsAt": time.fromisoformat(get(centre, "DayStartsAt", "00:00", required=False)),
        "lateness": get(centre, "AllowedLatenessSeconds", 5, required=False),
        "queues": queues,
    }


def read_events(path, lateness_s):
    seen = {}
    events = []
    mark = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            e = json.loads(line)
            if e["id"] in seen:
                if seen[e["id"]] != line.strip():
                    print("line %d: id %s repeated with other content; first wins" % (n, e["id"]), file=sys.stderr)
                continue
            seen[e["id"]] = line.strip()
            e["_us"] = instant(e.get("at"), "line %d" % n)
            e["_line"] = n
            if mark is not None and mark - e["_us"] > lateness_s * US:
                fail("line %d is %.3f s behind the latest event before it (allowed lateness %s s); "
                     "this script does not model events dropped as too late"
                     % (n, (mark - e["_us"]) / US, lateness_s))
            mark = e["_us"] if mark is None else max(mark, e["_us"])
            events.append(e)
    events.sort(key=lambda e: e["_us"])
    for a, b in zip(events, events[1:]):
        if a["_us"] == b["_us"]:
            print("warning: lines %d and %d share an instant; file order kept" % (a["_line"], b["_line"]), file=sys.stderr)
    return events


def centre_day(us, cfg):
    """(start, end) in us of the centre day holding instant `us`."""
    tz = cfg["tz"]
    local = to_dt(us, tz)
    d = local.date()
    start = datetime.combine(d, cfg["dayStartsAt"], tzinfo=tz)
    if (start - EPOCH) // timedelta(microseconds=1) > us:
        d -= timedelta(days=1)
        start = datetime.combine(d, cfg["dayStartsAt"], tzinfo=tz)
    end = datetime.combine(d + timedelta(days=1), cfg["dayStartsAt"], tzinfo=tz)
    return (start - EPOCH) // timedelta(microseconds=1), (end - EPOCH) // timedelta(microseconds=1)


def interval_of(us, cfg):
    """(key, start us) of the local-clock interval holding instant `us`."""
    local = to_dt(us, cfg["tz"])
    m = (local.hour * 60 + local.minute) // cfg["interval"] * cfg["interval"]
    start = local.replace(hour=m // 60, minute=m % 60, second=0, microsecond=0)  # keeps fold
    if start.utcoffset() != local.utcoffset():
        fail("interval start %s changes offset inside the interval; not modelled" % start)
    return start.isoformat(), (start - EPOCH) // timedelta(microseconds=1)


def analyse(events, cfg, explain):
    queue_ids = {q["id"] for q in cfg["queues"]}
    waiting = {}     # contactId -> (queueId, queued us)
    answered = {}    # contactId -> (queueId, answered us, agentId)
    outcomes = []    # (queueId, kind, us, wait us, contactId); kind answered|abandoned|transferred
    ended = []       # (agentId, ended us, contactId, queueId, talk us)
    states = {}      # agentId -> [(us, state)]
    for e in events:
        t, us = e["type"], e["_us"]
        if t == "agent.state":
            states.setdefault(e["agentId"], []).append((us, e["state"]))
            continue
        cid, q = e["contactId"], e["queueId"]
        if q not in queue_ids:
            fail("line %d: queue %r is not configured" % (e["_line"], q))
        if t == "contact.queued":
            if cid in waiting:
                fail("line %d: %s queued again while waiting" % (e["_line"], cid))
            waiting[cid] = (q, us)
            continue
        if t in ("contact.answered", "contact.abandoned", "contact.transferred"):
            if cid not in waiting or waiting[cid][0] != q:
                fail("line %d: %s has no contact.queued in %s before it (orphan)" % (e["_line"], cid, q))
            wait = us - waiting.pop(cid)[1]
            kind = {"contact.answered": "answered", "contact.abandoned": "abandoned",
                    "contact.transferred": "transferred"}[t]
            outcomes.append((q, kind, us, wait, cid))
            if kind == "answered":
                answered[cid] = (q, us, e["agentId"])
            continue
        if t == "contact.ended":
            if cid not in answered:
                fail("line %d: %s ended but was never answered" % (e["_line"], cid))
            aq, aus, _ = answered.pop(cid)
            ended.append((e["agentId"], us, cid, aq, us - aus))
            continue
        fail("line %d: unknown type %r" % (e["_line"], t))
    for cid, (q, us) in waiting.items():
        print("note: %s still waiting in %s at the end of the file (no outcome)" % (cid, q), file=sys.stderr)

    handles = []     # (queueId, acw end us, handle us, contactId)
    for agent, end_us, cid, q, talk in ended:
        seq = states.get(agent, [])
        times = [s[0] for s in seq]
        i = bisect.bisect_right(times, end_us)           # seq[i] = next state after the end
        in_acw = i > 0 and seq[i - 1][1] == "acw"
        next_acw = i < len(seq) and seq[i][1] == "acw"
        if in_acw or next_acw:
            j = i
            while j < len(seq) and seq[j][1] == "acw":
                j += 1
            if j == len(seq):
                print("note: %s: ACW of %s never ends in the file; no handle time" % (cid, agent), file=sys.stderr)
                continue
            acw_end = seq[j][0]
        else:
            acw_end = end_us
        handles.append((q, acw_end, talk + (acw_end - end_us), cid))
        if explain:
            print("  %s %-9s %s talk %9.3f s  acw %8.3f s  handle ends %s"
                  % (cid, q, agent, talk / US, (acw_end - end_us) / US, to_dt(acw_end, cfg["tz"]).isoformat()),
                  file=sys.stderr)
    return outcomes, handles


def figures(queue, outs, hands, with_aht):
    T_us = queue["T"] * US
    short_us = queue["short"] * US
    A = sum(1 for o in outs if o[1] == "answered")
    A_T = sum(1 for o in outs if o[1] == "answered" and o[3] <= T_us)
    S = sum(1 for o in outs if o[1] == "abandoned" and short_us > 0 and o[3] < short_us)
    B = sum(1 for o in outs if o[1] == "abandoned" and not (short_us > 0 and o[3] < short_us))
    B_T = sum(1 for o in outs if o[1] == "abandoned" and not (short_us > 0 and o[3] < short_us) and o[3] <= T_us)
    wait_sum = sum(o[3] for o in outs if o[1] == "answered")
    num, den = {
        "AbandonsNegative": (A_T, A + B),
        "AbandonsWithinThresholdIgnored": (A_T, A + B - B_T),
        "AbandonsPositive": (A_T + B_T, A + B),
        "AbandonsIgnored": (A_T, A),
    }[queue["formula"]]
    f = {
        "offered": A + B + S,
        "answered": A,
        "abandoned": B,
        "shortAbandoned": S,
        "answeredWithinThreshold": A_T,
        "abandonedWithinThreshold": B_T,
        # integer numerators and denominators: one correctly rounded division each
        "serviceLevelPercent": 100 * num / den if den else None,
        "abandonmentRatePercent": 100 * B / (A + B) if A + B else None,
        "asaSeconds": wait_sum / (US * A) if A else None,
    }
    if with_aht:
        f["ahtSeconds"] = sum(h[2] for h in hands) / (US * len(hands)) if hands else None
    return f


def main(argv):
    explain = "--explain" in argv
    args = [a for a in argv if a != "--explain"]
    here = os.path.dirname(os.path.abspath(__file__))
    cfg_path, events_path, out_path = (args + [None] * 3)[:3]
    cfg_path = cfg_path or os.path.join(here, "centre.json")
    events_path = events_path or os.path.join(here, "day.jsonl")
    out_path = out_path or os.path.join(here, "expected.json")

    cfg = load_config(cfg_path)
    events = read_events(events_path, cfg["lateness"])
    if not events:
        fail("no events")
    day = centre_day(events[-1]["_us"], cfg)
    for e in events:
        if not day[0] <= e["_us"] < day[1]:
            fail("line %d lies outside the centre day of the last event; one day per file" % e["_line"])

    outcomes, handles = analyse(events, cfg, explain)
    if explain:
        for q, kind, us, wait, cid in outcomes:
            print("  %s %-9s %-11s wait %9.3f s at %s" % (cid, q, kind, wait / US, to_dt(us, cfg["tz"]).isoformat()),
                  file=sys.stderr)

    result = {"queues": {}}
    for queue in cfg["queues"]:
        qid = queue["id"]
        outs = [o for o in outcomes if o[0] == qid and day[0] <= o[2] < day[1]]
        hands = [h for h in handles if h[0] == qid and day[0] <= h[1] < day[1]]
        slots = {}
        for o in outs:
            key, start = interval_of(o[2], cfg)
            slots.setdefault((start, key), []).append(o)
        result["queues"][qid] = {
            "today": figures(queue, outs, hands, True),
            "intervals": {key: figures(queue, slot, [], False) for (start, key), slot in sorted(slots.items())},
        }
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    for qid, r in result["queues"].items():
        t = r["today"]
        print("%-10s offered %3d answered %3d abandoned %2d short %2d A_T %3d B_T %2d SL %s AR %s ASA %s AHT %s intervals %d"
              % (qid, t["offered"], t["answered"], t["abandoned"], t["shortAbandoned"], t["answeredWithinThreshold"],
                 t["abandonedWithinThreshold"], t["serviceLevelPercent"], t["abandonmentRatePercent"],
                 t["asaSeconds"], t["ahtSeconds"], len(r["intervals"])))


if __name__ == "__main__":
    main(sys.argv[1:])
