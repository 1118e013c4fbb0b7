#!/usr/bin/env python3
"""Write a random, edge-case-heavy estate for cross-checking the metrics.

Usage: gen_cases.py OUT_DIR --seed N [--rows K] [--invalid] [--ambiguous]

The estate (wuye.toml + data/*.csv) follows data-contract.md.  Rows are built
around the contract's boundaries: limits met exactly and missed by one minute,
deadlines equal to as_of, events after as_of, working-day edges around holidays
and make-up workdays, escalation thresholds, repeat windows, every header /
datetime / boolean spelling and the three encodings.

--invalid   also writes bad rows (the contract's row errors) that both
            implementations must leave out of every metric.
--ambiguous also writes rows whose treatment the contract leaves open (see
            docs/ORACLE.md); mismatches there are readings to settle, not bugs.

The generator's own arithmetic only aims rows at the edges; the expected
figures come from metrics_oracle.py reading the written files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

DEFAULTS = {
    "dispatch_minutes": 10,
    "emergency_arrival_minutes": 30,
    "minor_hours": 24,
    "medium_days": 3,
    "complaint_resolve_working_days": 3,
    "major_unresolved_days": 30,
    "repeat_window_days": 90,
    "repeat_threshold": 3,
    "survey_scale": 5,
    "satisfied_min": 4.0,
}

REPAIR_COLUMNS = [
    ("id", "工单号"), ("reported_at", "报修时间"), ("room", "房号"), ("contact", "联系人"),
    ("phone", "电话"), ("category", "类别"), ("level", "级别"), ("dispatched_at", "派单时间"),
    ("arrived_at", "到场时间"), ("agreed_at", "约定时间"), ("delay_reason", "延期原因"),
    ("completed_at", "完工时间"), ("passed", "验收合格"), ("rework_of", "返修单号"),
    ("technician", "维修人员"), ("note", "备注"),
]
COMPLAINT_COLUMNS = [
    ("id", "编号"), ("received_at", "受理时间"), ("channel", "渠道"), ("room", "房号"),
    ("contact", "联系人"), ("phone", "电话"), ("category", "类别"), ("level", "级别"),
    ("ours", "我方责任"), ("summary", "内容"), ("resolved_at", "办结时间"),
    ("callback_at", "回访时间"), ("callback_satisfied", "回访满意"), ("handler", "处理部门"),
]
REPAIR_REQUIRED = {"id", "reported_at", "level"}
COMPLAINT_REQUIRED = {"id", "received_at"}

BOOL_PAIRS = [("是", "否"), ("yes", "no"), ("y", "n"), ("true", "false"), ("1", "0"),
              ("合格", "不合格"), ("满意", "不满意")]
REPAIR_LEVEL_SPELLINGS = {"minor": ["minor", "小修"], "medium": ["medium", "中修"],
                          "emergency": ["emergency", "急修"]}
COMPLAINT_LEVEL_SPELLINGS = {"major": ["major", "重大"], "important": ["important", "重要"],
                             "minor": ["minor", "轻微"]}
CHANNEL_SPELLINGS = [["phone", "来电"], ["visit", "来访"], ["online", "网络"], ["letter", "书面"]]
OTHER_CHANNELS = ["微信", "WeChat", "App", "12345热线"]
REPAIR_CATEGORIES = ["水电", "门窗", "管道", "电梯", "公共设施", "Lift", "lift"]
COMPLAINT_CATEGORIES = ["保洁", "安保", "维修", "收费", "噪音", "停车", "绿化", "服务态度", "其他"]
DIMENSIONS = ["客服", "维修", "保洁", "安保", "绿化", "Parking", "cleaning"]
NOTES = ["开关面板松动", "漏水, 已关阀", "门铃\n不响", '住户说"很急"', "", "", ""]


class Gen:
    def __init__(self, seed: int, rows: int, invalid: bool, ambiguous: bool):
        self.rng = random.Random(seed)
        self.rows = rows
        self.invalid = invalid
        self.ambiguous = ambiguous
        r = self.rng
        # as_of: sometimes exactly at a day boundary.
        day = dt.date(2026, 1, 20) + DAY * r.randrange(0, 330)
        if r.random() < 0.4:
            self.as_of = dt.datetime.combine(day, dt.time())
        else:
            self.as_of = dt.datetime.combine(day, dt.time(r.randrange(0, 24), r.randrange(0, 60)))
        self.start = self.as_of - DAY * r.randrange(150, 260)
        months = []
        m = dt.date(self.start.year, self.start.month, 1)
        while m <= self.as_of.date():
            months.append(m)
            m = (m + 32 * DAY).replace(day=1)
        self.months = months
        self.std = dict(DEFAULTS)
        self.std_written: dict = {}
        if r.random() < 0.5:
            choices = {
                "dispatch_minutes": [5, 10, 15],
                "emergency_arrival_minutes": [20, 30, 45],
                "minor_hours": [12, 24, 48],
                "medium_days": [2, 3, 5],
                "complaint_resolve_working_days": [1, 3, 5],
                "major_unresolved_days": [15, 30],
                "repeat_window_days": [30, 90],
                "repeat_threshold": [2, 3, 4],
            }
            for key, opts in choices.items():
                if r.random() < 0.5:
                    self.std[key] = self.std_written[key] = r.choice(opts)
            if r.random() < 0.4:
                self.std["survey_scale"] = self.std_written["survey_scale"] = 10
                self.std["satisfied_min"] = self.std_written["satisfied_min"] = r.choice([7.0, 7.5, 8.0])
            elif r.random() < 0.3:
                self.std["satisfied_min"] = self.std_written["satisfied_min"] = 3.5
        self.households = r.choice([None, 300, 1280, 2000, 1280])
        self.holidays: dict[dt.date, str] = {}
        self.conflict_day: dt.date | None = None

    # ---- small helpers -------------------------------------------------

    def gap_months(self):
        """The months a log uses: all, minus one or two gaps (never the as_of month)."""
        r = self.rng
        usable = list(self.months)
        for _ in range(r.choice([0, 1, 1, 2])):
            if len(usable) > 3:
                usable.remove(r.choice(usable[:-1]))
        return usable

    def random_time(self, months, night=False):
        r = self.rng
        for _ in range(100):
            m = r.choice(months)
            nxt = (m + 32 * DAY).replace(day=1)
            day = m + DAY * r.randrange(0, (nxt - m).days)
            if night or r.random() < 0.08:
                t = dt.time(r.randrange(0, 24), r.randrange(0, 60))
            else:
                t = dt.time(r.randrange(7, 22), r.randrange(0, 60))
            when = dt.datetime.combine(day, t)
            if r.random() < 0.05:
                when = when.replace(second=r.randrange(1, 60))
            if self.start <= when <= self.as_of:
                return when
        return self.as_of - DAY

    def fmt(self, when: dt.datetime | None) -> str:
        if when is None:
            return ""
        r = self.rng
        y, mo, d, hh, mm, ss = when.year, when.month, when.day, when.hour, when.minute, when.second
        opts = [f"{y:04d}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}"]
        if ss == 0:
            opts += [f"{y:04d}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}"] * 3
            opts += [f"{y}/{mo}/{d} {hh:02d}:{mm:02d}", f"{y}年{mo}月{d}日 {hh:02d}:{mm:02d}"]
            if hh == 0 and mm == 0:
                opts += [f"{y:04d}-{mo:02d}-{d:02d}"] * 3
                if self.ambiguous:
                    opts += [f"{y}/{mo}/{d}", f"{y}年{mo}月{d}日"]
        text = r.choice(opts)
        return self.pad(text)

    def fmt_date(self, day: dt.date) -> str:
        """A date-only cell (holidays, survey dates)."""
        opts = [day.isoformat()]
        if self.ambiguous:
            # bare dates in the other spellings, and a date column with a time
            opts += [f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
                     f"{day.isoformat()} 00:00"]
        return self.pad(self.rng.choice(opts))

    def pad(self, text: str) -> str:
        r = self.rng.random()
        if r < 0.06:
            return " " + text
        if r < 0.1:
            return text + "  "
        return text

    def case(self, text: str) -> str:
        if not text.isascii():
            return text
        return self.rng.choice([text, text, text.upper(), text.title()])

    def boolean(self, value: bool | None) -> str:
        if value is None:
            return ""
        pair = self.rng.choice(BOOL_PAIRS)
        return self.pad(self.case(pair[0] if value else pair[1]))

    def tri(self, p_yes=0.6, p_empty=0.2):
        x = self.rng.random()
        if x < p_empty:
            return None
        return self.rng.random() < p_yes

    def is_working(self, day: dt.date) -> bool:
        kind = self.holidays.get(day)
        if kind is not None:
            return kind == "workday"
        return day.weekday() < 5

    def last_allowed(self, received: dt.date) -> dt.date:
        day, n = received, 0
        while n < self.std["complaint_resolve_working_days"]:
            day += DAY
            if self.is_working(day):
                n += 1
        return day

    # ---- holidays -----------------------------------------------------

    def make_holidays(self):
        r = self.rng
        rows = []
        day = self.start.date()
        end = self.as_of.date() + 40 * DAY
        while day < end:
            x = r.random()
            if day.weekday() == 4 and x < 0.12:
                # a long weekend: Friday (and sometimes Thursday) off, next Sunday or Saturday worked
                block = [day] + ([day - DAY] if r.random() < 0.5 else [])
                for h in block:
                    self.holidays.setdefault(h, "holiday")
                make_up = day + DAY * r.choice([2, 8, 1])
                self.holidays.setdefault(make_up, "workday")
            elif day.weekday() < 5 and x < 0.02:
                self.holidays.setdefault(day, "holiday")
            day += DAY
        for d, kind in sorted(self.holidays.items()):
            rows.append({"date": self.fmt_date(d), "kind": self.pad(self.case(
                r.choice(["holiday", "休"] if kind == "holiday" else ["workday", "班"])))})
        # the same date listed again with the same kind is no error
        if rows and r.random() < 0.4:
            rows.append(dict(r.choice(rows)))
        # a holiday listed on a weekend changes nothing
        if r.random() < 0.4:
            sat = self.start.date() + DAY * ((5 - self.start.weekday()) % 7 + 14)
            if sat not in self.holidays:
                self.holidays[sat] = "holiday"
                rows.append({"date": self.fmt_date(sat), "kind": "休"})
        if self.invalid:
            rows.append({"date": "2026-02-30", "kind": "休"})
            rows.append({"date": self.fmt_date(self.as_of.date() - 10 * DAY), "kind": "放假"})
            # conflicting kind: the later listing is an error, the first stays
            if self.holidays:
                near = [(d, k) for d, k in sorted(self.holidays.items())
                        if self.start.date() + 5 * DAY < d < self.as_of.date() - 5 * DAY]
                d, kind = r.choice(near or sorted(self.holidays.items()))
                self.conflict_day = d
                rows.append({"date": self.fmt_date(d), "kind": "班" if kind == "holiday" else "休"})
        if self.ambiguous and self.holidays:
            d = r.choice(sorted(self.holidays))
            rows.append({"date": f"{d.year}/{d.month}/{d.day}", "kind": "休" if self.holidays[d] == "holiday" else "班"})
        r.shuffle(rows)
        return rows

    # ---- repairs ------------------------------------------------------

    def repair(self, reported: dt.datetime, level: str | None = None, **force):
        r = self.rng
        s = self.std
        level = level or r.choices(["minor", "medium", "emergency"], [6, 3, 2])[0]
        rec = {"reported_at": reported, "level": level, "dispatched_at": None, "arrived_at": None,
               "agreed_at": None, "delay_reason": "", "completed_at": None, "passed": None,
               "rework_of": "", "category": r.choice(REPAIR_CATEGORIES + ["", " 水电 "])}
        # dispatch
        x = r.random()
        dmin = s["dispatch_minutes"] * MIN
        if x < 0.15:
            rec["dispatched_at"] = reported + dmin
        elif x < 0.3:
            rec["dispatched_at"] = reported + dmin + MIN
        elif x < 0.35:
            rec["dispatched_at"] = reported - 3 * MIN
        elif x < 0.4:
            rec["dispatched_at"] = reported + dmin + dt.timedelta(seconds=30)
        elif x < 0.85:
            rec["dispatched_at"] = reported + r.randrange(0, 3 * s["dispatch_minutes"]) * MIN
        start = reported
        if level == "emergency":
            emin = s["emergency_arrival_minutes"] * MIN
            x = r.random()
            if x < 0.2:
                rec["arrived_at"] = reported + emin
            elif x < 0.4:
                rec["arrived_at"] = reported + emin + MIN
            elif x < 0.45:
                rec["arrived_at"] = reported - 2 * MIN
            elif x < 0.75:
                rec["arrived_at"] = reported + r.randrange(3, 3 * s["emergency_arrival_minutes"]) * MIN
            if r.random() < 0.15:
                rec["agreed_at"] = reported + r.randrange(1, 72) * HOUR  # ignored for emergencies
            base = rec["arrived_at"] or reported
            if r.random() < 0.8:
                rec["completed_at"] = max(base, reported) + r.randrange(10, 600) * MIN
        else:
            limit = s["minor_hours"] * HOUR if level == "minor" else s["medium_days"] * DAY
            if r.random() < 0.2:
                rec["agreed_at"] = reported + r.randrange(2, 120) * HOUR
                rec["delay_reason"] = r.choice(["业主改约", "缺配件", "", "等待楼上住户"])
                start = rec["agreed_at"]
            x = r.random()
            if x < 0.2:
                rec["completed_at"] = start + limit
            elif x < 0.4:
                rec["completed_at"] = start + limit + MIN
            elif x < 0.75:
                rec["completed_at"] = start + r.random() * limit
                rec["completed_at"] = rec["completed_at"].replace(microsecond=0)
                if r.random() < 0.8:
                    rec["completed_at"] = rec["completed_at"].replace(second=0)
            elif x < 0.9:
                rec["completed_at"] = start + limit + r.randrange(2, 5000) * MIN
            if rec["arrived_at"] is None and r.random() < 0.6:
                rec["arrived_at"] = reported + r.randrange(5, 300) * MIN
        rec["passed"] = self.tri(0.85, 0.15)
        rec.update(force)
        return rec

    def make_repairs(self):
        r = self.rng
        s = self.std
        as_of = self.as_of
        months = self.gap_months()
        recs = [self.repair(self.random_time(months)) for _ in range(self.rows)]
        minor_l = s["minor_hours"] * HOUR
        medium_l = s["medium_days"] * DAY
        emin = s["emergency_arrival_minutes"] * MIN
        forced = [
            # open orders: deadline equal to as_of (not due), one minute past (due), inside
            self.repair(as_of - minor_l, "minor", completed_at=None, agreed_at=None),
            self.repair(as_of - minor_l - MIN, "minor", completed_at=None, agreed_at=None),
            self.repair(as_of - medium_l, "medium", completed_at=None, agreed_at=None),
            self.repair(as_of - medium_l - MIN, "medium", completed_at=None, agreed_at=None),
            self.repair(as_of - HOUR, r.choice(["minor", "medium"]), completed_at=None, agreed_at=None),
            self.repair(as_of - emin, "emergency", completed_at=None, arrived_at=None),
            self.repair(as_of - emin - MIN, "emergency", completed_at=None, arrived_at=None),
            self.repair(as_of - 5 * MIN, "emergency", completed_at=None, arrived_at=None),
            # open emergency that arrived in time, its limit not yet over / over
            self.repair(as_of - 5 * MIN, "emergency", completed_at=None, arrived_at=as_of - 2 * MIN),
            self.repair(as_of - 3 * HOUR, "emergency", completed_at=None, arrived_at=as_of - 3 * HOUR + 5 * MIN),
            # completed emergency without arrival
            self.repair(self.random_time(months), "emergency", arrived_at=None,
                        completed_at=None),
            # agreed time after as_of: an open order inside its moved deadline
            self.repair(as_of - 3 * medium_l, "medium", agreed_at=as_of + DAY, delay_reason="",
                        completed_at=None, passed=True),
            self.repair(as_of - 2 * minor_l, "minor", agreed_at=as_of + 2 * HOUR, completed_at=None),
            # events after as_of are empty
            self.repair(as_of - 2 * HOUR, "minor", completed_at=as_of + MIN, passed=True,
                        dispatched_at=as_of + MIN),
            self.repair(as_of - 20 * MIN, "emergency", arrived_at=as_of + MIN,
                        completed_at=as_of + HOUR, passed=False),
            # events exactly at as_of are kept
            self.repair(as_of - 2 * HOUR, "minor", completed_at=as_of, dispatched_at=as_of, agreed_at=None),
            # reported exactly at as_of (kept) and after it (left out)
            self.repair(as_of, r.choice(["minor", "emergency"])),
            self.repair(as_of + MIN, "minor"),
            self.repair(as_of + 3 * DAY, "medium"),
            self.repair(as_of + 40 * DAY, "emergency"),
            # agreed_at on an emergency never moves its deadline
            self.repair(self.random_time(months), "emergency", agreed_at=as_of + 5 * DAY,
                        arrived_at=None, completed_at=None),
        ]
        completed_emerg = forced[10]
        completed_emerg["completed_at"] = completed_emerg["reported_at"] + 2 * HOUR
        recs += forced
        recs.sort(key=lambda x: x["reported_at"])
        # a little disorder in the file
        for _ in range(len(recs) // 10):
            i, j = r.randrange(len(recs)), r.randrange(len(recs))
            recs[i], recs[j] = recs[j], recs[i]
        for n, rec in enumerate(recs, 1):
            rec["id"] = f"WX-{n:04d}" if r.random() < 0.9 else f"R{n}"
        ids = [x["id"] for x in recs]
        for rec in recs:
            if r.random() < 0.08:
                rec["rework_of"] = r.choice(ids)  # earlier, later, even after as_of
        # the passed value on an open order is ignored
        for rec in recs:
            if rec["completed_at"] is None and r.random() < 0.3:
                rec["passed"] = r.choice([True, False])
        rows = [self.repair_row(rec) for rec in recs]
        if self.invalid:
            rows += self.bad_repairs(months, ids)
        if self.ambiguous:
            rows += self.ambiguous_repairs(months)
        r.shuffle(rows) if r.random() < 0.2 else None
        return rows

    def repair_row(self, rec):
        r = self.rng
        lvl = self.pad(self.case(r.choice(REPAIR_LEVEL_SPELLINGS[rec["level"]])))
        return {
            "id": rec["id"], "reported_at": self.fmt(rec["reported_at"]),
            "room": f"{r.randrange(1, 12)}-{r.randrange(1, 4)}-{r.randrange(1, 27)}01",
            "contact": r.choice(["王先生", "李女士", ""]), "phone": f"138{r.randrange(10**8):08d}",
            "category": rec["category"], "level": lvl,
            "dispatched_at": self.fmt(rec["dispatched_at"]), "arrived_at": self.fmt(rec["arrived_at"]),
            "agreed_at": self.fmt(rec["agreed_at"]), "delay_reason": rec["delay_reason"],
            "completed_at": self.fmt(rec["completed_at"]), "passed": self.boolean(rec["passed"]),
            "rework_of": rec["rework_of"], "technician": r.choice(["郑师傅", "吴师傅", ""]),
            "note": r.choice(NOTES),
        }

    def bad_repairs(self, months, ids):
        r = self.rng
        out = []
        # every kind of bad row once, then a few more at random
        kinds = list(range(12)) + [r.randrange(12) for _ in range(r.randrange(0, 4))]
        for n, kind in enumerate(kinds):
            rec = self.repair(self.random_time(months))
            rec["id"] = f"BAD-{n}"
            row = self.repair_row(rec)
            if kind == 0:
                row["reported_at"] = r.choice(["2026-02-30 10:00", "明天上午", "2026-13-01", "2026/3/5 25:00"])
            elif kind == 1:
                row["level"] = r.choice(["大修", "urgent", "小"])
            elif kind == 2:
                row["id"] = r.choice(ids)  # a later duplicate of a valid order
            elif kind == 3:
                row["completed_at"] = self.fmt(rec["reported_at"] - MIN)
            elif kind == 4:
                row["rework_of"] = "WX-9999"
            elif kind == 5:
                row["rework_of"] = r.choice(ids).lower()  # ids are case-sensitive
            elif kind == 6:
                row["id"] = ""
            elif kind == 7:
                row["level"] = ""
            elif kind == 8:
                row["reported_at"] = ""
            elif kind == 9:
                row["passed"] = "maybe"
            elif kind == 10:
                row["dispatched_at"] = "10:30"
            else:
                row["agreed_at"] = "下周一"
            out.append(row)
        # a bad row alone in an otherwise empty month: that month must not appear
        gap = [m for m in self.months if m not in months]
        if gap:
            rec = self.repair(dt.datetime.combine(gap[0] + 3 * DAY, dt.time(9, 0)))
            rec["id"] = "BAD-GAP"
            row = self.repair_row(rec)
            row["level"] = "特大"
            out.append(row)
        return out

    def ambiguous_repairs(self, months):
        out = []
        # a duplicate id whose first occurrence is itself a bad row
        rec = self.repair(self.random_time(months))
        rec["id"] = "AMB-DUP"
        first = self.repair_row(rec)
        first["level"] = "大修"
        second = self.repair_row(self.repair(self.random_time(months)) | {"id": "AMB-DUP"})
        out += [first, second]
        # a rework naming a bad row
        rec = self.repair(self.random_time(months)) | {"id": "AMB-RW", "rework_of": "AMB-DUP"}
        out.append(self.repair_row(rec))
        # a spreadsheet's blank line made of commas only
        out.append({k: "" for k, _ in REPAIR_COLUMNS})
        return out

    # ---- complaints ---------------------------------------------------

    def complaint(self, received: dt.datetime, **force):
        r = self.rng
        last = self.last_allowed(received.date())
        rec = {"received_at": received, "room": f"{r.randrange(1, 6)}-{r.randrange(1, 3)}-{r.randrange(1, 5)}01",
               "category": r.choice(COMPLAINT_CATEGORIES + [""]),
               "level": r.choices([None, "major", "important", "minor"], [2, 1, 3, 5])[0],
               "ours": self.tri(0.6, 0.25), "resolved_at": None, "callback_at": None,
               "callback_satisfied": None, "channel": self.channel()}
        x = r.random()
        if x < 0.15:
            rec["resolved_at"] = dt.datetime.combine(last, dt.time(23, 59))
        elif x < 0.3:
            rec["resolved_at"] = dt.datetime.combine(last + DAY, dt.time(0, 0))
        elif x < 0.35:
            rec["resolved_at"] = dt.datetime.combine(last, dt.time(0, 0))
        elif x < 0.7:
            rec["resolved_at"] = received + r.randrange(10, 60 * 24 * 6) * MIN
        elif x < 0.8:
            rec["resolved_at"] = received + r.randrange(6, 45) * DAY
        if rec["resolved_at"] is not None:
            y = r.random()
            if y < 0.7:
                rec["callback_at"] = rec["resolved_at"] + r.randrange(60, 60 * 24 * 4) * MIN
            elif y < 0.75:
                rec["callback_at"] = rec["resolved_at"] - HOUR  # before the resolution: no error
            if rec["callback_at"] is not None or r.random() < 0.2:
                rec["callback_satisfied"] = self.tri(0.8, 0.15)
        rec.update(force)
        return rec

    def channel(self):
        r = self.rng
        x = r.random()
        if x < 0.75:
            return self.pad(self.case(r.choice(r.choice(CHANNEL_SPELLINGS))))
        if x < 0.9:
            return r.choice(OTHER_CHANNELS)
        return ""

    def make_complaints(self):
        r = self.rng
        s = self.std
        as_of = self.as_of
        months = self.gap_months()
        n = max(10, self.rows * 2 // 3)
        recs = [self.complaint(self.random_time(months)) for _ in range(n)]
        # received Friday evening, before holidays and before make-up workdays
        special_days = [d for d in self.holidays if self.start.date() < d < as_of.date()]
        fridays = []
        day = self.start.date() + DAY
        while day < as_of.date() - DAY:
            if day.weekday() == 4:
                fridays.append(day)
            day += DAY
        for _ in range(6):
            if fridays:
                f = r.choice(fridays)
                recs.append(self.complaint(dt.datetime.combine(f, dt.time(r.randrange(17, 24), r.randrange(60)))))
            if special_days:
                d = r.choice(special_days) - DAY * r.randrange(1, 3)
                if d > self.start.date():
                    recs.append(self.complaint(dt.datetime.combine(d, dt.time(r.randrange(8, 23), r.randrange(60)))))
        # received just before a date whose second listing in holidays.csv is a bad row
        if self.conflict_day is not None:
            for back in (1, 2, 3):
                recs.append(self.complaint(dt.datetime.combine(self.conflict_day - back * DAY, dt.time(11, 0))))
        # as_of relative to the last allowed day: due exactly when the day after it has begun
        for back in range(1, 15):
            d = as_of.date() - back * DAY
            last = self.last_allowed(d)
            if last + DAY == as_of.date() or last == as_of.date():
                recs.append(self.complaint(dt.datetime.combine(d, dt.time(16, 30)), resolved_at=None))
        # escalation (a): exactly major_unresolved_days (not more) and one minute more
        lim = s["major_unresolved_days"] * DAY
        t0 = self.random_time(months)
        if t0 + lim + MIN <= as_of:
            recs.append(self.complaint(t0, ours=True, level="important", resolved_at=t0 + lim))
            recs.append(self.complaint(t0 + HOUR, ours=True, level=None, resolved_at=t0 + HOUR + lim + MIN))
            recs.append(self.complaint(t0 + 2 * HOUR, ours=False, level="minor", resolved_at=t0 + 2 * HOUR + lim + DAY))
            recs.append(self.complaint(t0 + 3 * HOUR, ours=True, level="major", resolved_at=None))
        recs.append(self.complaint(as_of - lim, ours=True, level="minor", resolved_at=None))
        recs.append(self.complaint(as_of - lim - MIN, ours=True, level=None, resolved_at=None))
        recs.append(self.complaint(as_of - lim - HOUR, ours=True, level="minor", resolved_at=as_of + HOUR))
        # repeat series (b)
        w = s["repeat_window_days"] * DAY
        for k in range(4):
            room = f"9-9-{k + 1}01"
            cat = r.choice(COMPLAINT_CATEGORIES)
            t = self.random_time(months)
            shape = r.choice([0, 0, 1, 1, 2, 3, 4])
            if shape == 0:  # the window's boundary exactly
                times = [t - w, t - w / 2, t]
            elif shape == 1:  # one minute outside
                times = [t - w - MIN, t - w / 2, t]
            elif shape == 2:  # identical timestamps
                times = [t, t, t, t + DAY]
            elif shape == 3:  # long series
                times = [t - i * w / 5 for i in range(6)]
            else:
                times = [t - 2 * DAY, t - DAY, t]
            times = [x for x in times if x <= as_of]
            for i, x in enumerate(times):
                c = self.complaint(x, room=self.pad(room), category=cat)
                if i == 2 and r.random() < 0.4:
                    c["level"] = "major"
                recs.append(c)
        # an empty room or category never forms a series
        t = self.random_time(months)
        for i in range(4):
            recs.append(self.complaint(t + i * HOUR, room="", category="保洁"))
            recs.append(self.complaint(t + i * HOUR, room="8-8-801", category=""))
        # rows after as_of; callback after as_of; resolution after as_of with a callback result
        recs.append(self.complaint(as_of + MIN))
        recs.append(self.complaint(as_of + 20 * DAY))
        recs.append(self.complaint(as_of, resolved_at=as_of, callback_at=as_of, callback_satisfied=True))
        t = as_of - 2 * DAY
        recs.append(self.complaint(t, resolved_at=t + HOUR, callback_at=as_of + MIN, callback_satisfied=True))
        recs.append(self.complaint(t, resolved_at=as_of + MIN, callback_at=None, callback_satisfied=False))
        recs.append(self.complaint(t, resolved_at=as_of + MIN, callback_at=as_of - HOUR, callback_satisfied=True))
        recs.append(self.complaint(t, resolved_at=None, callback_at=None, callback_satisfied=True))
        recs.sort(key=lambda x: x["received_at"])
        for i, rec in enumerate(recs, 1):
            rec["id"] = f"TS-{i:04d}"
        rows = [self.complaint_row(rec) for rec in recs]
        if self.invalid:
            ids = [x["id"] for x in recs]
            for k, kind in enumerate(list(range(7)) + [r.randrange(7) for _ in range(r.randrange(0, 3))]):
                rec = self.complaint(self.random_time(months))
                rec["id"] = f"BADC-{k}"
                row = self.complaint_row(rec)
                if kind == 0:
                    row["received_at"] = r.choice(["2026-04-31 10:00", "上周五"])
                elif kind == 1:
                    row["level"] = r.choice(["一般", "critical"])
                elif kind == 2:
                    row["id"] = r.choice(ids)
                elif kind == 3:
                    row["resolved_at"] = self.fmt(rec["received_at"] - MIN)
                elif kind == 4:
                    row["ours"] = "maybe"
                elif kind == 5:
                    row["callback_satisfied"] = "还行"
                else:
                    row["id"] = ""
                rows.append(row)
        if r.random() < 0.2:
            r.shuffle(rows)
        return rows

    def complaint_row(self, rec):
        r = self.rng
        level = rec["level"]
        return {
            "id": rec["id"], "received_at": self.fmt(rec["received_at"]), "channel": rec["channel"],
            "room": rec["room"], "contact": r.choice(["张先生", "", "陈女士"]), "phone": "",
            "category": rec["category"],
            "level": "" if level is None else self.pad(self.case(r.choice(COMPLAINT_LEVEL_SPELLINGS[level]))),
            "ours": self.boolean(rec["ours"]), "summary": r.choice(NOTES),
            "resolved_at": self.fmt(rec["resolved_at"]), "callback_at": self.fmt(rec["callback_at"]),
            "callback_satisfied": self.boolean(rec["callback_satisfied"]),
            "handler": r.choice(["工程部", "客服部", ""]),
        }

    # ---- surveys ------------------------------------------------------

    def make_surveys(self):
        r = self.rng
        scale = self.std["survey_scale"]
        months = self.gap_months()
        dims = r.sample(DIMENSIONS, r.randrange(0, 5))
        id_header = r.choice(["id", "编号", "ID", None])
        date_header = r.choice(["date", "日期", "Date "])
        overall_header = r.choice(["overall", "总体", " Overall"])
        comment_header = r.choice(["comment", "意见", None])
        note_header = r.choice(["note", "备注", None])
        headers = [h for h in [id_header, date_header, overall_header] + dims + [comment_header, note_header] if h]
        if self.ambiguous:
            dims.append(" 物业费 ")
            headers.insert(3, " 物业费 ")
        r.shuffle(headers)

        def score():
            x = r.random()
            if x < 0.15:
                return str(r.randrange(2, 2 * scale) / 2)  # halves, e.g. 3.5
            if x < 0.2:
                return f"{r.randrange(1, scale + 1)}.0"
            return str(r.randrange(1, scale + 1))

        rows = []
        dates = [self.random_time(months) for _ in range(self.rows)]
        if not self.ambiguous:
            dates = [d.replace(hour=0, minute=0, second=0) for d in dates]
        else:
            dates = [d.replace(hour=0, minute=0, second=0) if r.random() < 0.85 else d for d in dates]
        dates.append(dt.datetime.combine(self.as_of.date(), dt.time()))  # kept: not after as_of
        dates.append(dt.datetime.combine(self.as_of.date() + DAY, dt.time()))  # after as_of
        dates.append(self.as_of + 10 * DAY)
        dates.sort()
        for i, d in enumerate(dates, 1):
            when = self.fmt_date(d.date()) if d.time() == dt.time() else self.fmt(d)
            row = {id_header: f"MY-{i:04d}", date_header: when, overall_header: score()}
            for dim in dims:
                row[dim] = "" if r.random() < 0.2 else score()
            if comment_header:
                row[comment_header] = r.choice(NOTES)
            if note_header:
                row[note_header] = r.choice(["", "电话回访", "纸质问卷"])
            rows.append(row)
        if self.invalid:
            for k, kind in enumerate(list(range(6)) + [r.randrange(6) for _ in range(r.randrange(0, 3))]):
                row = {id_header: f"BADS-{k}", date_header: self.fmt_date(self.random_time(months).date()),
                       overall_header: score()}
                for dim in dims:
                    row[dim] = score()
                if kind == 0:
                    row[overall_header] = r.choice(["0", str(scale + 1), str(scale + 0.5)])
                elif kind == 1:
                    row[overall_header] = r.choice(["好", "很满意"])
                elif kind == 2:
                    row[overall_header] = ""
                elif kind == 3 and dims:
                    row[r.choice(dims)] = r.choice(["一般", "0", str(scale + 1)])
                elif kind == 4:
                    row[date_header] = "2026-06-31"
                else:
                    row[date_header] = ""
                rows.append(row)
        if self.ambiguous and id_header:
            row = dict(rows[len(rows) // 2])
            rows.append(row)  # a repeated survey id
        headers = [h for h in headers]
        return headers, rows

    # ---- writing ------------------------------------------------------

    def header_spelling(self, en: str, zh: str) -> str:
        r = self.rng
        name = r.choice([en, zh]) if en != "id" or r.random() < 0.8 else "ID"
        name = self.case(name)
        if r.random() < 0.1:
            name = f" {name} "
        return name

    def write_csv(self, path: Path, headers: list[str], rows: list[list[str]], encoding: str):
        newline = self.rng.choice(["\r\n", "\n"])
        import io
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=newline)
        w.writerow(headers)
        w.writerows(rows)
        text = buf.getvalue()
        if encoding == "utf-8-sig":
            data = b"\xef\xbb\xbf" + text.encode("utf-8")
        else:
            data = text.encode(encoding)
        path.write_bytes(data)

    def columns_layout(self, columns, required, extra_name):
        r = self.rng
        cols = [(en, zh) for en, zh in columns if en in required or r.random() > 0.1]
        r.shuffle(cols)
        layout = [(en, self.header_spelling(en, zh)) for en, zh in cols]
        if r.random() < 0.3:
            layout.insert(r.randrange(len(layout) + 1), (None, extra_name))
        return layout

    def write(self, out: Path):
        r = self.rng
        (out / "data").mkdir(parents=True, exist_ok=True)
        encodings = {}
        overrides = {}
        for name in ["repairs.csv", "complaints.csv", "surveys.csv", "holidays.csv"]:
            enc = r.choice(["utf-8", "utf-8-sig", "gb18030"])
            encodings[name] = enc
            if enc == "gb18030" and r.random() < 0.25:
                overrides[name] = r.choice(["gbk", "gb18030"])
            elif enc == "utf-8" and r.random() < 0.1:
                overrides[name] = "utf-8"

        holiday_rows = self.make_holidays()
        has_holidays = r.random() < 0.85
        if not has_holidays:
            self.holidays = {}
        repairs = self.make_repairs()
        complaints = self.make_complaints()
        survey_headers, surveys = self.make_surveys()

        if has_holidays:
            hh = [("date", self.header_spelling("date", "日期")), ("kind", self.header_spelling("kind", "类型"))]
            r.shuffle(hh)
            self.write_csv(out / "data/holidays.csv", [h for _, h in hh],
                           [[row[k] for k, _ in hh] for row in holiday_rows], encodings["holidays.csv"])
        layout = self.columns_layout(REPAIR_COLUMNS, REPAIR_REQUIRED, "楼栋备注")
        self.write_csv(out / "data/repairs.csv", [h for _, h in layout],
                       [[row.get(k, "x") if k else "额外" for k, _ in layout] for row in repairs],
                       encodings["repairs.csv"])
        layout = self.columns_layout(COMPLAINT_COLUMNS, COMPLAINT_REQUIRED, "extra")
        self.write_csv(out / "data/complaints.csv", [h for _, h in layout],
                       [[row.get(k, "") if k else "1" for k, _ in layout] for row in complaints],
                       encodings["complaints.csv"])
        self.write_csv(out / "data/surveys.csv", survey_headers,
                       [[row.get(h, "") for h in survey_headers] for row in surveys],
                       encodings["surveys.csv"])

        lines = [f'name = "测试小区 {r.randrange(1000)}"']
        if self.households is not None:
            lines.append(f"households = {self.households}")
        lines.append(f'as_of = "{self.as_of:%Y-%m-%d %H:%M}"')
        if self.std_written:
            lines.append("\n[standards]")
            for k, v in self.std_written.items():
                lines.append(f"{k} = {v!r}" if not isinstance(v, float) else f"{k} = {v:.1f}")
        if overrides:
            lines.append("\n[data.encoding]")
            for k, v in overrides.items():
                lines.append(f'"{k}" = "{v}"')
        (out / "wuye.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--rows", type=int, default=80)
    parser.add_argument("--invalid", action="store_true")
    parser.add_argument("--ambiguous", action="store_true")
    args = parser.parse_args(argv)
    Gen(args.seed, args.rows, args.invalid, args.ambiguous).write(args.out_dir)


if __name__ == "__main__":
    main()
