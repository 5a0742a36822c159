#!/usr/bin/env python3
"""anonbank_expected.py - what importing the "Anonymous Bank" call records and replaying them must give,
worked out from the raw TAB-separated file alone (standard library only; never the C# code).

    python3 anonbank_expected.py [TSV CENTRE.json OUT.json] [--days 1999-01-02,1999-01-03,1999-01-13]

Defaults: ../../data/anonbank/january_1999.tsv, anonbank-centre.json and anonbank-january-expected.json
(next to this script), and the three days above.

Reading the file (README of tests/data/anonbank; docs/adapters.md, "Call-detail records: anonbank"):
- Lines end with CRLF; line 1 is the header; 17 TAB-separated fields a row. A row is malformed when it
  has another number of fields, `date` is not yymmdd, one of the six times is not h:mm:ss, `priority`
  is not a whole number, `outcome` is not AGENT, HANG or PHANTOM, `vru+line`, `call_id` or `type` is empty, or an
  AGENT row has an empty `server`; or when a queued row leaves the queue before it entered it.
- `q_start` 0:00:00 means the call never queued. `ser_start` and `ser_exit` both 0:00:00 mean no
  service time was recorded.
- A time more than 12 hours earlier than the row's `vru_entry` lies on the next day: 24 rows of January
  run past midnight, and `ser_time` and `q_time` agree with that reading.

Categories and what each row is (queue = `type`):
- AGENT queued: waits q_exit - q_start; answered at q_exit (outcome time).
- AGENT not queued with a service time: waits 0; answered at ser_start.
- AGENT not queued without a service time: no answer time, no contact (counted apart).
- HANG queued: abandoned at q_exit after q_exit - q_start. HANG not queued and PHANTOM: no contact.
- The conversation ends at ser_exit, but never before the answer (no service time: at the answer);
  talk = end - answer, summed as events.talkSeconds.

Figures (shared/domain/METRICS.md, REPLAY.md) per queue and window, by the outcome's local time:
- answered within threshold iff wait <= T; short abandon iff ShortAbandonSeconds > 0 and
  wait < ShortAbandonSeconds; `abandoned` and `abandonedWithinThreshold` exclude short abandons.
- offered = answered + abandoned + shortAbandoned.
- serviceLevelPercent by the queue's formula (short abandons already out), abandonmentRatePercent =
  100 * abandoned / (answered + abandoned), asaSeconds = sum of answered waits / answered;
  a figure whose denominator is 0 is null.
- days: every local date (day starts 00:00) with its figures for every configured queue;
  chosenDays: the same plus the 30-minute intervals (keyed by local start with offset) in which the
  queue had an outcome; month: the whole file.
- No AHT: the data has no agent states and no after-call work (see docs/adapters.md).
"""
import json
import os
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit",
          "vru_time", "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server"]
TIMES = ["vru_entry", "vru_exit", "q_start", "q_exit", "ser_start", "ser_exit"]
HALF_DAY = 12 * 3600
DAY = 24 * 3600


def fail(msg):
    sys.exit("anonbank_expected.py: " + msg)


def key_of(obj, name):
    """Configuration keys are case-insensitive, as the configuration binder reads them."""
    for k, v in obj.items():
        if k.lower() == name.lower():
            return v
    fail("configuration key %r is missing" % name)


def seconds_of(text):
    """h:mm:ss -> seconds after midnight, or None."""
    parts = text.split(":")
    if len(parts) != 3 or not (1 <= len(parts[0]) <= 2) or len(parts[1]) != 2 or len(parts[2]) != 2:
        return None
    if not all(p.isdigit() and p.isascii() for p in parts):
        return None
    h, m, s = (int(p) for p in parts)
    if h > 23 or m > 59 or s > 59:
        return None
    return h * 3600 + m * 60 + s


def is_whole(text):
    digits = text[1:] if text[:1] in ("+", "-") else text
    return digits != "" and digits.isdigit() and digits.isascii()


def date_of(text):
    if len(text) != 6 or not (text.isdigit() and text.isascii()):
        return None
    yy, mm, dd = int(text[0:2]), int(text[2:4]), int(text[4:6])
    year = 1900 + yy if yy >= 50 else 2000 + yy  # two-digit years 50-99 are 19xx, 00-49 are 20xx
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


class Row:
    pass


def read_rows(path):
    """Every line of the file, classified. Returns (rows, counts)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    counts = {k: 0 for k in ["lines", "header", "agentQueued", "agentNotQueued", "hangQueued", "hangNotQueued",
                             "phantom", "malformed", "agentNotQueuedWithoutService", "agentQueuedWithoutService",
                             "agentNoServer", "endedClampedToAnswer", "rowsPastMidnight"]}
    counts["lines"] = len(lines)
    rows = []
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.split("\t")[0] == "vru+line":
            counts["header"] += 1
            continue
        cells = line.split("\t")
        if len(cells) != len(FIELDS):
            counts["malformed"] += 1
            continue
        f = dict(zip(FIELDS, cells))
        day = date_of(f["date"])
        secs = {name: seconds_of(f[name]) for name in TIMES}
        ok = day is not None and all(v is not None for v in secs.values())
        ok = ok and is_whole(f["priority"]) and all(f[k].strip() != "" for k in ("vru+line", "call_id", "type"))
        ok = ok and f["outcome"] in ("AGENT", "HANG", "PHANTOM")
        ok = ok and not (f["outcome"] == "AGENT" and f["server"].strip() == "")
        if not ok:
            counts["malformed"] += 1
            continue
        queued = f["q_start"] != "0:00:00"
        served = not (f["ser_start"] == "0:00:00" and f["ser_exit"] == "0:00:00")
        entry = secs["vru_entry"]
        past_midnight = [False]

        def at(name):
            s = secs[name]
            if s < entry - HALF_DAY:
                s += DAY
                past_midnight[0] = True
            return datetime(day.year, day.month, day.day) + timedelta(seconds=s)

        r = Row()
        r.line, r.queue, r.outcome, r.server = number, f["type"], f["outcome"], f["server"]
        r.contact = None  # set for rows that become a contact
        if f["outcome"] == "PHANTOM":
            counts["phantom"] += 1
        elif f["outcome"] == "HANG" and not queued:
            counts["hangNotQueued"] += 1
        elif f["outcome"] == "HANG":
            start, leave = at("q_start"), at("q_exit")
            if leave < start:
                counts["malformed"] += 1
                continue
            counts["hangQueued"] += 1
            r.contact = ("abandoned", start, leave, None)
        elif queued:
            start, answer = at("q_start"), at("q_exit")
            if answer < start:
                counts["malformed"] += 1
                continue
            counts["agentQueued"] += 1
            if not served:
                counts["agentQueuedWithoutService"] += 1
            end = at("ser_exit") if served else answer
            if served and end < answer:
                counts["endedClampedToAnswer"] += 1
            r.contact = ("answered", start, answer, max(end, answer))
        else:
            counts["agentNotQueued"] += 1
            if not served:
                counts["agentNotQueuedWithoutService"] += 1
            else:
                answer, end = at("ser_start"), at("ser_exit")
                if end < answer:
                    counts["endedClampedToAnswer"] += 1
                r.contact = ("answered", answer, answer, max(end, answer))
        if r.outcome == "AGENT" and r.server == "NO_SERVER" and r.contact is not None:
            counts["agentNoServer"] += 1
        if past_midnight[0] and r.contact is not None:
            counts["rowsPastMidnight"] += 1
        rows.append(r)
    return rows, counts


def empty():
    return {"answered": 0, "answeredWithin": 0, "abandoned": 0, "abandonedWithin": 0, "short": 0, "waitSum": 0}


def add(counter, kind, wait, q):
    if kind == "answered":
        counter["answered"] += 1
        counter["waitSum"] += wait
        counter["answeredWithin"] += 1 if wait <= q["T"] else 0
    elif q["short"] > 0 and wait < q["short"]:
        counter["short"] += 1
    else:
        counter["abandoned"] += 1
        counter["abandonedWithin"] += 1 if wait <= q["T"] else 0


def percent(part, whole):
    return None if whole == 0 else 100 * part / whole


def figures(c, q):
    a, at, b, bt = c["answered"], c["answeredWithin"], c["abandoned"], c["abandonedWithin"]
    formula = q["formula"]
    if formula == "AbandonsWithinThresholdIgnored":
        sl = percent(at, a + b - bt)
    elif formula == "AbandonsNegative":
        sl = percent(at, a + b)
    elif formula == "AbandonsPositive":
        sl = percent(at + bt, a + b)
    elif formula == "AbandonsIgnored":
        sl = percent(at, a)
    else:
        fail("unknown ServiceLevelFormula %r" % formula)
    return {
        "offered": a + b + c["short"], "answered": a, "abandoned": b, "shortAbandoned": c["short"],
        "answeredWithinThreshold": at, "abandonedWithinThreshold": bt,
        "serviceLevelPercent": sl, "abandonmentRatePercent": percent(b, a + b),
        "asaSeconds": None if a == 0 else c["waitSum"] / a,
    }


def main(argv):
    days_arg = "1999-01-02,1999-01-03,1999-01-13"
    if "--days" in argv:
        i = argv.index("--days")
        days_arg = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    tsv = argv[0] if len(argv) > 0 else os.path.join(HERE, "..", "..", "data", "anonbank", "january_1999.tsv")
    centre_path = argv[1] if len(argv) > 1 else os.path.join(HERE, "anonbank-centre.json")
    out = argv[2] if len(argv) > 2 else os.path.join(HERE, "anonbank-january-expected.json")
    chosen = [date.fromisoformat(d) for d in days_arg.split(",")]

    with open(centre_path, encoding="utf-8") as f:
        centre = json.load(f)
    settings = key_of(centre, "Centre")
    zone = ZoneInfo(key_of(settings, "TimeZone"))
    interval = int(key_of(settings, "IntervalMinutes"))
    if key_of(settings, "DayStartsAt") != "00:00":
        fail("only centre days starting at 00:00 are supported")
    queues = {}
    for q in key_of(centre, "Queues"):
        queues[key_of(q, "Id")] = {"T": key_of(q, "ServiceLevelSeconds"), "short": key_of(q, "ShortAbandonSeconds"),
                                   "formula": key_of(q, "ServiceLevelFormula")}

    rows, counts = read_rows(tsv)
    contacts = [r for r in rows if r.contact is not None]
    for r in contacts:
        if r.queue not in queues:
            fail("line %d: type %r is not a configured queue" % (r.line, r.queue))

    month = {q: empty() for q in queues}
    days = {}
    intervals = {}
    talk = 0
    for r in contacts:
        kind, start, outcome_at, end = r.contact
        wait = int((outcome_at - start).total_seconds())
        q = queues[r.queue]
        add(month[r.queue], kind, wait, q)
        day = outcome_at.date()
        days.setdefault(day, {name: empty() for name in queues})
        add(days[day][r.queue], kind, wait, q)
        if day in chosen:
            minutes = (outcome_at.hour * 60 + outcome_at.minute) // interval * interval
            slot = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=zone)
            slots = intervals.setdefault(day, {}).setdefault(r.queue, {})
            slots.setdefault(slot, empty())
            add(slots[slot], kind, wait, q)
        if end is not None:
            talk += int((end - outcome_at).total_seconds())

    answered = sum(1 for r in contacts if r.contact[0] == "answered")
    abandoned = len(contacts) - answered
    skipped = counts["hangNotQueued"] + counts["phantom"] + counts["agentNotQueuedWithoutService"]
    result = {
        "source": "tests/data/anonbank/january_1999.tsv",
        "config": os.path.basename(centre_path),
        "rows": counts,
        "import": {"lines": counts["lines"], "events": 2 * len(contacts) + answered, "skipped": skipped,
                   "malformed": counts["malformed"]},
        "events": {"contact.queued": len(contacts), "contact.answered": answered, "contact.abandoned": abandoned,
                   "contact.ended": answered, "talkSeconds": talk},
        "month": {q: figures(month[q], queues[q]) for q in queues},
        "days": {d.isoformat(): {q: figures(days[d][q], queues[q]) for q in queues} for d in sorted(days)},
        "chosenDays": {},
    }
    for d in chosen:
        if d not in days:
            fail("chosen day %s has no outcome" % d)
        result["chosenDays"][d.isoformat()] = {
            q: {"today": figures(days[d][q], queues[q]),
                "intervals": {slot.isoformat(): figures(c, queues[q])
                              for slot, c in sorted(intervals.get(d, {}).get(q, {}).items())}}
            for q in queues}

    text = dump(result)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print_summary(result, sys.stderr)


def dump(result):
    """Indented JSON, but each set of figures on one line so the file stays readable."""
    def render(value, indent):
        if isinstance(value, dict) and value and "offered" in value:
            return json.dumps(value)
        if isinstance(value, dict):
            if not value:
                return "{}"
            pad = "  " * (indent + 1)
            items = [pad + json.dumps(k) + ": " + render(v, indent + 1) for k, v in value.items()]
            return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
        return json.dumps(value)
    return render(result, 0) + "\n"


def print_summary(result, out):
    out.write("rows: %s\n" % json.dumps(result["rows"]))
    out.write("import: %s\n" % json.dumps(result["import"]))
    out.write("events: %s\n" % json.dumps(result["events"]))
    for scope, figures_by_queue in [("month", result["month"])] + [
            (d, {q: v["today"] for q, v in per.items()}) for d, per in result["chosenDays"].items()]:
        for q, f in figures_by_queue.items():
            if f["offered"] == 0:
                continue
            out.write("%-10s %-2s offered %5d answered %5d abandoned %4d short %3d A_T %5d B_T %3d SL %s abandon %s ASA %s\n" % (
                scope, q, f["offered"], f["answered"], f["abandoned"], f["shortAbandoned"], f["answeredWithinThreshold"],
                f["abandonedWithinThreshold"], fmt(f["serviceLevelPercent"]), fmt(f["abandonmentRatePercent"]),
                fmt(f["asaSeconds"])))


def fmt(x):
    return "-" if x is None else "%.2f" % x


if __name__ == "__main__":
    main(sys.argv[1:])
