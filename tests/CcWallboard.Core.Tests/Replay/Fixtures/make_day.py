#!/usr/bin/env python3
"""make_day.py - deterministic generator of the recorded-day replay fixtures.

    python3 make_day.py          # writes day.jsonl and dst-day.jsonl next to this script
    python3 make_day.py day      # only day.jsonl      (2026-11-17, London = UTC+0)
    python3 make_day.py dst      # only dst-day.jsonl  (2026-10-25, 25-hour day)

Standard library only, seeded random, integer-millisecond arithmetic: every run writes the
same bytes. This script only *generates* normalized events (shared/domain/EVENTS.md); it
computes no metric. compute_expected.py derives the expected figures from the files alone.

How a day is built
- Agents with skills log in, take contacts, do after-contact work (ACW), take not-ready
  periods (break, meeting, personal, training) at the first free moment after the planned
  start (straight from acw when a contact overruns the planned start), and log out.
- Contacts: seeded random arrivals per queue plus "pinned" contacts whose waits sit exactly
  on the edges of the definitions (wait == T, T + 1 ms, short-abandon boundary, ...), two
  transfers, and one contact with no ACW. A contact is answered by the skilled agent who can
  take it first, FIFO by arrival; it abandons when that wait exceeds its patience.
- Per answered contact the agent goes (ringing ->) on_contact, the contact ends, the agent
  enters acw (a few ms after contact.ended, or sometimes a few ms *before* it) and then
  available / not_ready.
- File order: the chronological stream with a few events written late (by at most 4 s, below
  the 5 s allowed lateness), and exact duplicate lines (same id, same bytes), some right after
  the original and some 20-60 s of event time later in the file.
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
LONDON = ZoneInfo("Europe/London")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
SEC = 1000
MIN = 60 * SEC
LATE_MAX_MS = 4000  # events written late by at most this (allowed lateness is 5 s)


def T(iso):
    """Instant (integer ms since the epoch) of an ISO 8601 time with offset."""
    return (datetime.fromisoformat(iso) - EPOCH) // timedelta(milliseconds=1)


def fmt(ms, style):
    utc = EPOCH + timedelta(milliseconds=ms)
    if style == "Z":
        return utc.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (ms % 1000)
    loc = utc.astimezone(LONDON)
    off = loc.utcoffset() // timedelta(minutes=1)
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    return loc.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d%s%02d:%02d" % (ms % 1000, sign, off // 60, off % 60)


def interval_key(ms, minutes=15):
    loc = (EPOCH + timedelta(milliseconds=ms)).astimezone(LONDON)
    m = (loc.hour * 60 + loc.minute) // minutes * minutes
    return loc.replace(hour=m // 60, minute=m % 60, second=0, microsecond=0).isoformat()


class Agent:
    def __init__(self, sim, aid, skills, login, logout, breaks):
        self.sim, self.id, self.skills = sim, aid, set(skills)
        self.login, self.logout = login, logout
        self.breaks = sorted(breaks)  # (planned start ms, duration ms, reason)
        self.last = None
        self.free = login  # from when the agent can take the next contact
        self.needs_available = False  # ACW / not-ready ends at self.free, state not yet written
        self.state(login, "available")

    def state(self, ms, st, reason=None):
        assert self.last is None or ms > self.last, (self.id, ms, self.last, st)
        self.last = ms
        self.sim.emit(ms, "agent.state", agentId=self.id, state=st, reason=reason)

    def settle(self, until):
        """Take every not-ready period planned to start at or before `until`."""
        while self.breaks and self.breaks[0][0] <= until:
            planned, dur, reason = self.breaks.pop(0)
            start = max(planned, self.free)
            if self.needs_available and start > self.free:
                self.state(self.free, "available")
            elif not self.needs_available:
                start = max(start, self.last + 250)
            # needs_available and start == free: straight from acw to not_ready
            self.state(start, "not_ready", reason)
            self.free = start + dur
            self.needs_available = True

    def finish(self):
        self.settle(self.logout)
        if self.needs_available:
            self.state(self.free, "available")
            self.needs_available = False
        self.state(max(self.logout, self.last + 30 * SEC), "logged_out")


class Sim:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.events = []
        self.agents = []
        self.notes = {}

    def emit(self, ms, type_, pinned=False, **fields):
        ev = {"_ms": ms, "_pinned": pinned, "type": type_}
        ev.update({k: v for k, v in fields.items() if v is not None})
        self.events.append(ev)
        return ev

    def agent(self, *args):
        a = Agent(self, *args)
        self.agents.append(a)
        return a

    # --- contact legs -------------------------------------------------------------------
    def run(self, legs):
        rng = self.rng
        for leg in sorted(legs, key=lambda l: l["arrival"]):
            x, q, cid = leg["arrival"], leg["queue"], leg["contactId"]
            self.emit(x, "contact.queued", pinned=leg.get("pinned", False),
                      contactId=cid, queueId=q, channel="voice")
            kind = leg["kind"]
            if kind == "transfer":
                self.emit(x + leg["wait"], "contact.transferred", pinned=True,
                          contactId=cid, queueId=q, toQueueId=leg["to"])
                continue
            if kind == "abandon":
                self.emit(x + leg["wait"], "contact.abandoned", pinned=True, contactId=cid, queueId=q)
                continue
            skilled = [a for a in self.agents if q in a.skills]
            if kind == "answer":  # pinned wait: an agent free by then takes it
                ans = x + leg["wait"]
                for a in skilled:
                    a.settle(ans)
                free = [a for a in skilled if a.login <= ans and a.free + 300 <= ans]
                assert free, f"no agent free for pinned contact {cid} at {fmt(ans, 'Z')}"
                best = min(free, key=lambda a: a.free)
                self.answer(best, leg, ans, pinned=True)
                continue
            # natural: FIFO, first skilled agent able to take it; abandons past its patience
            route = rng.randint(2000, 9000)
            gap = rng.randint(400, 5000)
            patience = (rng.randint(1000, 12000) if rng.random() < 0.12
                        else 6000 + int(rng.expovariate(1 / 70000)))
            best, best_ans = None, None
            for a in skilled:
                while True:
                    ans = max(x + route, a.free + gap)
                    n = len(a.breaks)
                    a.settle(ans)
                    if len(a.breaks) == n:
                        break
                if ans <= a.logout and (best_ans is None or ans < best_ans):
                    best, best_ans = a, ans
            if best is None or best_ans - x > patience:
                self.emit(x + patience, "contact.abandoned", contactId=cid, queueId=q)
            else:
                self.answer(best, leg, best_ans)

    def answer(self, a, leg, ans, pinned=False):
        rng, cid, q = self.rng, leg["contactId"], leg["queue"]
        if a.needs_available:
            a.state(a.free, "available")
            a.needs_available = False
        if rng.random() < 0.6:
            ring = ans - rng.randint(1500, 4000)
            if ring > a.last + 200 and ring > leg["arrival"] + 100:
                a.state(ring, "ringing")
        self.emit(ans, "contact.answered", pinned=pinned, contactId=cid, queueId=q, agentId=a.id)
        a.state(ans + rng.randint(30, 400), "on_contact")
        talk = leg.get("talk") or int(min(900, max(25, rng.lognormvariate(5.1, 0.5))) * SEC) + rng.randint(0, 999)
        ended = ans + talk
        self.emit(ended, "contact.ended", contactId=cid, queueId=q, agentId=a.id)
        if leg.get("no_acw"):
            a.state(ended + rng.randint(200, 600), "available")
            a.free = a.last
            a.needs_available = False
            self.notes["no_acw"] = cid
            return
        acw_at = ended - rng.randint(40, 300) if rng.random() < 0.2 else ended + rng.randint(40, 900)
        a.state(acw_at, "acw")
        acw = leg.get("acw") or rng.randint(8000, 95000)
        a.free = ended + acw
        a.needs_available = True
        self.notes.setdefault("acw", []).append((cid, ans, ended + acw))


def natural_legs(rng, queue, count, start, end):
    return [{"queue": queue, "kind": "natural", "arrival": rng.randint(start, end)} for _ in range(count)]


def number_contacts(legs):
    """Contact ids in order of first arrival; a transfer's second leg shares the first's id."""
    firsts = sorted((l for l in legs if "same_as" not in l), key=lambda l: l["arrival"])
    for n, l in enumerate(firsts, 1):
        l["contactId"] = "c%03d" % n
    for l in legs:
        if "same_as" in l:
            l["contactId"] = l["same_as"]["contactId"]


def unique_times(events):
    """Make every `at` distinct by nudging unpinned events by +1 ms (pinned ones never move)."""
    while True:
        events.sort(key=lambda e: (e["_ms"], not e["_pinned"]))
        clash = False
        for prev, cur in zip(events, events[1:]):
            if cur["_ms"] == prev["_ms"]:
                assert not cur["_pinned"], ("two pinned events at one instant", cur, prev)
                cur["_ms"] += 1
                clash = True
        if not clash:
            return


def serialize(events, style, prefix):
    for n, e in enumerate(events, 1):
        wire = {"type": e["type"], "id": "%s-%04d" % (prefix, n), "at": fmt(e["_ms"], style)}
        for k in ("contactId", "queueId", "agentId", "channel", "toQueueId", "state", "reason"):
            if k in e:
                wire[k] = e[k]
        e["id"] = wire["id"]
        e["_line"] = json.dumps(wire)


def move_late(order, ev, after):
    """Write `ev` right after the line `after` (later in the file)."""
    order.remove(ev)
    order.insert(order.index(after) + 1, ev)


def random_late_moves(rng, order, count, avoid):
    moved = 0
    candidates = [e for e in order if e["id"] not in avoid]
    rng.shuffle(candidates)
    for e in candidates:
        if moved == count:
            break
        i = order.index(e)
        within = [o for o in order[i + 1:i + 12] if 300 <= o["_ms"] - e["_ms"] <= LATE_MAX_MS]
        if not within:
            continue
        move_late(order, e, within[-1])
        avoid.add(e["id"])
        moved += 1
    assert moved == count


def add_duplicates(order, immediate, delayed):
    """File lines: the events, plus exact copies of some lines."""
    lines = [e["_line"] for e in order]
    inserts = []
    for e in immediate:
        inserts.append((order.index(e) + 1, e["_line"]))
    for e in delayed:
        i = order.index(e)
        later = [j for j in range(i + 1, len(order)) if 20 * SEC <= order[j]["_ms"] - e["_ms"] <= 60 * SEC]
        assert later, ("no place 20-60 s later for", e["id"])
        inserts.append((later[-1] + 1, e["_line"]))
    for pos, line in sorted(inserts, reverse=True):
        lines.insert(pos, line)
    return lines


def check_file(lines):
    """Sanity of the written file: duplicates identical, nothing late beyond LATE_MAX_MS."""
    seen, mark, late, dups = {}, None, 0, 0
    for n, line in enumerate(lines, 1):
        o = json.loads(line)
        if o["id"] in seen:
            assert seen[o["id"]] == line
            dups += 1
            continue
        seen[o["id"]] = line
        ms = T(o["at"])
        if mark is not None and ms < mark:
            assert mark - ms <= LATE_MAX_MS, (n, line)
            late += 1
        mark = ms if mark is None else max(mark, ms)
    ats = [json.loads(l)["at"] for l in seen.values()]
    assert len(set(map(T, ats))) == len(ats), "two events share an instant"
    return late, dups


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------------------------------
def make_day():
    sim = Sim(20261117)
    rng = sim.rng
    z = lambda hms: T("2026-11-17T%s+00:00" % hms)
    sim.agent("a01", ["sales", "retention"], z("07:52:10.418"), z("11:05:00"), [(z("09:30:00"), 15 * MIN, "break")])
    sim.agent("a02", ["sales", "service"], z("07:54:33.027"), z("11:06:00"), [(z("10:00:00"), 15 * MIN, "break")])
    sim.agent("a03", ["service"], z("07:50:02.911"), z("11:04:00"), [(z("09:00:00"), 20 * MIN, "meeting")])
    sim.agent("a04", ["service", "billing"], z("07:56:47.660"), z("11:07:00"), [(z("10:20:00"), 6 * MIN, "personal")])
    sim.agent("a05", ["billing", "retention"], z("07:53:21.305"), z("11:08:00"), [(z("09:45:00"), 15 * MIN, "break")])
    sim.agent("a06", ["sales", "service", "billing"], z("09:05:12.774"), z("11:09:00"), [(z("10:30:00"), 10 * MIN, "training")])

    legs = []
    legs += natural_legs(rng, "sales", 28, z("08:00:00"), z("10:45:00"))
    legs += natural_legs(rng, "service", 26, z("08:00:00"), z("10:45:00"))
    legs += natural_legs(rng, "billing", 14, z("08:00:00"), z("10:45:00"))
    legs += natural_legs(rng, "retention", 7, z("08:00:00"), z("10:00:00"))

    def pin(queue, kind, at, wait, **extra):
        leg = {"queue": queue, "kind": kind, "arrival": z(at), "wait": wait, "pinned": True}
        leg.update(extra)
        legs.append(leg)
        return leg

    edge = {}
    edge["sales answered wait == T (20.000 s)"] = pin("sales", "answer", "08:21:07.314", 20000)
    edge["sales answered wait == T + 1 ms"] = pin("sales", "answer", "09:12:40.118", 20001)
    edge["sales abandoned wait == short (5.000 s): not short, within T"] = pin("sales", "abandon", "08:37:02.550", 5000)
    edge["sales abandoned wait 4.999 s: short"] = pin("sales", "abandon", "09:48:11.901", 4999)
    edge["sales answered 3.2 s, queued line written after answered line"] = pin("sales", "answer", "10:05:33.420", 3200)
    edge["billing abandoned 9.999 s: short"] = pin("billing", "abandon", "08:44:18.006", 9999)
    edge["billing abandoned 10.000 s: not short, within T"] = pin("billing", "abandon", "09:27:51.733", 10000)
    edge["billing abandoned wait == T (60.000 s)"] = pin("billing", "abandon", "10:11:05.240", 60000)
    edge["billing abandoned wait == T + 1 ms"] = pin("billing", "abandon", "08:58:30.611", 60001)
    edge["billing answered wait == T (60.000 s)"] = pin("billing", "answer", "09:51:12.345", 60000)
    edge["service abandoned 1.2 s (short abandons off: counts as abandoned)"] = pin("service", "abandon", "08:16:44.870", 1200)
    edge["service answered wait == T (30.000 s)"] = pin("service", "answer", "09:36:20.505", 30000)
    edge["service abandoned wait == T (30.000 s)"] = pin("service", "abandon", "10:26:49.092", 30000)
    edge["service answered 8.4 s, no ACW"] = pin("service", "answer", "09:08:26.219", 8400, no_acw=True)
    edge["retention answered wait == T (15.000 s)"] = pin("retention", "answer", "08:29:03.777", 15000)
    edge["retention abandoned 40 s (after T)"] = pin("retention", "abandon", "09:58:14.402", 40000)
    edge["retention abandoned 3 s: short, only outcome of its interval"] = pin("retention", "abandon", "10:52:37.518", 3000)
    # transfer 1: sales -> billing after 25 s, answered in billing 12 s after re-queueing
    t1 = pin("sales", "transfer", "09:18:10.250", 25000, to="billing")
    t1b = pin("billing", "answer", "09:18:35.430", 12000, same_as=t1)
    edge["transfer sales -> billing (answered in billing)"] = t1
    # transfer 2: retention -> service after 18.5 s, abandons in service 45 s after re-queueing
    t2 = pin("retention", "transfer", "10:40:02.120", 18500, to="service")
    t2b = pin("service", "abandon", "10:40:20.810", 45000, same_as=t2)
    edge["transfer retention -> service (abandoned in service); only retention outcome of 10:30"] = t2

    number_contacts(legs)
    sim.run(legs)
    for a in sim.agents:
        a.finish()
    unique_times(sim.events)
    events = sim.events
    serialize(events, "Z", "d17")

    # --- file order -----------------------------------------------------------------------
    order = list(events)
    by = lambda pred: next(e for e in events if pred(e))
    c5 = edge["sales answered 3.2 s, queued line written after answered line"]["contactId"]
    q5 = by(lambda e: e["type"] == "contact.queued" and e["contactId"] == c5)
    a5 = by(lambda e: e["type"] == "contact.answered" and e["contactId"] == c5)
    move_late(order, q5, a5)
    tr1 = by(lambda e: e["type"] == "contact.transferred" and e["contactId"] == t1["contactId"])
    rq1 = by(lambda e: e["type"] == "contact.queued" and e["contactId"] == t1["contactId"] and e["queueId"] == "billing")
    move_late(order, tr1, rq1)  # transferred line written after the re-queue in billing
    # a contact.ended written after the agent's acw line
    idx = {e["id"]: i for i, e in enumerate(events)}
    ended_late = None
    for e in events:
        if e["type"] == "contact.ended" and e["_ms"] > z("08:30:00"):
            nxt = events[idx[e["id"]] + 1]
            if nxt["type"] == "agent.state" and nxt.get("state") == "acw" and nxt["agentId"] == e["agentId"] \
                    and nxt["_ms"] - e["_ms"] >= 300:
                ended_late = e
                move_late(order, e, nxt)
                break
    assert ended_late
    avoid = {q5["id"], tr1["id"], ended_late["id"], a5["id"], rq1["id"]}
    random_late_moves(rng, order, 6, avoid)

    # duplicates: 3 right after the original, 4 written 20-60 s (event time) later
    def has_place(e):
        return any(20 * SEC <= o["_ms"] - e["_ms"] <= 60 * SEC for o in order)

    def pick(pred):
        cands = [e for e in order if e["id"] not in avoid and pred(e) and has_place(e)]
        e = rng.choice(cands)
        avoid.add(e["id"])
        return e
    immediate = [pick(lambda e: e["type"] == "contact.answered"),
                 pick(lambda e: e["type"] == "agent.state" and e["state"] == "acw"),
                 pick(lambda e: e["type"] == "contact.queued")]
    delayed = [pick(lambda e: e["type"] == "contact.abandoned"),
               pick(lambda e: e["type"] == "contact.answered"),
               pick(lambda e: e["type"] == "contact.ended"),
               next(e for e in order if e["type"] == "contact.transferred" and e["contactId"] == t2["contactId"])]
    lines = add_duplicates(order, immediate, delayed)
    late, dups = check_file(lines)
    write("day.jsonl", lines)

    # --- what the day holds (generation facts, not metrics) --------------------------------
    contacts = {e["contactId"] for e in events if "contactId" in e}
    crossing = [c for c, ans, end in sim.notes["acw"] if interval_key(ans) != interval_key(end)]
    states = {}
    acw_to_nr = 0
    for e in events:
        if e["type"] == "agent.state":
            if states.get(e["agentId"]) == "acw" and e["state"] == "not_ready":
                acw_to_nr += 1
            states[e["agentId"]] = e["state"]
    print("day.jsonl: %d contacts, %d events, %d lines (%d duplicate lines, %d lines written late)"
          % (len(contacts), len(events), len(lines), dups, late))
    print("  contacts whose ACW ends in a later interval than the answer: %d" % len(crossing))
    print("  acw -> not_ready transitions: %d; contact with no ACW: %s" % (acw_to_nr, sim.notes["no_acw"]))
    print("  queued line after its answered line: %s; transferred line after re-queue: %s; ended after acw: %s"
          % (c5, t1["contactId"], ended_late["contactId"]))
    for label, leg in edge.items():
        print("  %-4s %s" % (leg["contactId"], label))
    assert acw_to_nr >= 1 and len(crossing) >= 3
    del t1b, t2b


def make_dst():
    """2026-10-25, Europe/London falls back 02:00 BST -> 01:00 GMT. Every contact is pinned."""
    sim = Sim(20261025)
    sim.agent("a55", ["sales", "service", "billing", "retention"], T("2026-10-25T00:40:05.120+01:00"),
              T("2026-10-25T02:30:00+00:00"), [])
    sim.agent("a56", ["sales", "service", "billing", "retention"], T("2026-10-25T00:44:51.870+01:00"),
              T("2026-10-25T02:31:00+00:00"), [(T("2026-10-25T01:30:00+01:00"), 15 * MIN, "break")])
    sim.agent("a57", ["sales", "service", "billing", "retention"], T("2026-10-25T00:47:30.004+01:00"),
              T("2026-10-25T02:32:00+00:00"), [])
    legs = []

    def pin(queue, kind, at, wait, **extra):
        leg = {"queue": queue, "kind": kind, "arrival": T(at), "wait": wait, "pinned": True}
        leg.update(extra)
        legs.append(leg)
        return leg

    pin("sales", "answer", "2026-10-25T00:50:12.100+01:00", 6500)
    pin("service", "abandon", "2026-10-25T00:58:40.250+01:00", 35000)
    pin("billing", "answer", "2026-10-25T01:03:05.400+01:00", 12000)
    pin("sales", "abandon", "2026-10-25T01:07:30.900+01:00", 3100)
    pin("retention", "answer", "2026-10-25T01:12:00.050+01:00", 15001)
    # answered 01:40 BST, talk 15 min, ACW 400 s: the ACW ends at 01:01:59.5 GMT, after the change
    pin("service", "answer", "2026-10-25T01:40:10.500+01:00", 9000, talk=900000, acw=400000)
    # queued 01:59:50 BST, answered 20 s later at 01:00:10 GMT: wait == T across the change
    pin("sales", "answer", "2026-10-25T01:59:50.000+01:00", 20000)
    pin("billing", "abandon", "2026-10-25T01:05:20.700+00:00", 61000)
    pin("service", "answer", "2026-10-25T01:09:00.300+00:00", 30000)
    tr = pin("retention", "transfer", "2026-10-25T01:14:40.000+00:00", 10000, to="sales")
    pin("sales", "answer", "2026-10-25T01:14:50.200+00:00", 4000, same_as=tr)
    pin("sales", "answer", "2026-10-25T01:48:00.000+00:00", 25000)
    pin("billing", "abandon", "2026-10-25T02:10:30.000+00:00", 8000)
    pin("service", "answer", "2026-10-25T02:12:00.000+00:00", 2500)
    number_contacts(legs)
    sim.run(legs)
    for a in sim.agents:
        a.finish()
    unique_times(sim.events)
    events = sim.events
    serialize(events, "local", "d25")
    order = list(events)
    # one line written late (it falls on c010's contact.transferred, written after the re-queue in sales)
    avoid = set()
    random_late_moves(sim.rng, order, 1, avoid)
    # the queued line of the contact that waits across the change, repeated after its answer
    straddle = next(e for e in events if e["type"] == "contact.queued" and e["_ms"] == T("2026-10-25T01:59:50.000+01:00"))
    first_ab = next(e for e in events if e["type"] == "contact.abandoned")
    lines = add_duplicates(order, [first_ab], [straddle])
    late, dups = check_file(lines)
    write("dst-day.jsonl", lines)
    contacts = {e["contactId"] for e in events if "contactId" in e}
    print("dst-day.jsonl: %d contacts, %d events, %d lines (%d duplicate lines, %d lines written late)"
          % (len(contacts), len(events), len(lines), dups, late))


if __name__ == "__main__":
    which = sys.argv[1:] or ["day", "dst"]
    for w in which:
        {"day": make_day, "dst": make_dst}[w]()
