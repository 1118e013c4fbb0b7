#!/usr/bin/env python3
"""Independent reading of docs data-contract.md: compute the metrics JSON.

Usage: metrics_oracle.py ESTATE_DIR [--as-of "YYYY-MM-DD HH:MM"]

Written from the contract alone (never from wuye's Rust code) so that the two
implementations can be compared value by value.  Standard library only.
Every place where the contract had to be read one way among several is marked
"READING" below and listed in docs/ORACLE.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import sys
import tomllib
from pathlib import Path

# ---------------------------------------------------------------------------
# Parsing of single values
# ---------------------------------------------------------------------------

_TIME = r"(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)"
_DATETIME_PATTERNS = [
    # 2026-03-05, 2026-03-05 14:30, 2026-03-05 14:30:00, 2026-03-05T14:30:00
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[ ]+|T)" + _TIME + r")?$"),
    # 2026/3/5 14:30 (READING: also a bare 2026/3/5)
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ ]+" + _TIME + r")?$"),
    # 2026年3月5日 14:30 (READING: also bare, and without the space)
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:[ ]*" + _TIME + r")?$"),
]


def parse_datetime(text: str) -> dt.datetime | None:
    """A contract datetime, or None when it is not one. Text is pre-trimmed."""
    for pattern in _DATETIME_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        y, mo, d, hh, mm, ss = m.groups()
        try:
            return dt.datetime(
                int(y), int(mo), int(d),
                int(hh or 0), int(mm or 0), int(ss or 0),
            )
        except ValueError:  # 2026-02-30, 25:00 ...
            return None
    return None


_BOOLEANS = {
    "是": True, "否": False,
    "yes": True, "no": False,
    "y": True, "n": False,
    "true": True, "false": False,
    "1": True, "0": False,
    "合格": True, "不合格": False,
    "满意": True, "不满意": False,
}

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def parse_number(text: str) -> float | None:
    # READING: plain decimal notation only (no exponents, inf, nan, 1_000).
    if not _NUMBER.match(text):
        return None
    return float(text)


REPAIR_LEVELS = {
    "minor": "minor", "小修": "minor",
    "medium": "medium", "中修": "medium",
    "emergency": "emergency", "急修": "emergency",
}
COMPLAINT_LEVELS = {
    "major": "major", "重大": "major",
    "important": "important", "重要": "important",
    "minor": "minor", "轻微": "minor",
}
CHANNELS = {
    "phone": "phone", "来电": "phone",
    "visit": "visit", "来访": "visit",
    "online": "online", "网络": "online",
    "letter": "letter", "书面": "letter",
}
HOLIDAY_KINDS = {"holiday": "holiday", "休": "holiday", "workday": "workday", "班": "workday"}

# ---------------------------------------------------------------------------
# Column names (English, Chinese)
# ---------------------------------------------------------------------------

REPAIR_COLUMNS = {
    "id": "工单号", "reported_at": "报修时间", "room": "房号", "contact": "联系人",
    "phone": "电话", "category": "类别", "level": "级别", "dispatched_at": "派单时间",
    "arrived_at": "到场时间", "agreed_at": "约定时间", "delay_reason": "延期原因",
    "completed_at": "完工时间", "passed": "验收合格", "rework_of": "返修单号",
    "technician": "维修人员", "note": "备注",
}
COMPLAINT_COLUMNS = {
    "id": "编号", "received_at": "受理时间", "channel": "渠道", "room": "房号",
    "contact": "联系人", "phone": "电话", "category": "类别", "level": "级别",
    "ours": "我方责任", "summary": "内容", "resolved_at": "办结时间",
    "callback_at": "回访时间", "callback_satisfied": "回访满意", "handler": "处理部门",
}
SURVEY_COLUMNS = {
    "id": "编号", "date": "日期", "room": "房号", "overall": "总体",
    "comment": "意见", "note": "备注",
}
HOLIDAY_COLUMNS = {"date": "日期", "kind": "类型"}


def header_key(name: str) -> str:
    return name.strip().lower()


def column_lookup(columns: dict[str, str]) -> dict[str, str]:
    """header_key(spelling) -> canonical English name."""
    out = {}
    for en, zh in columns.items():
        out[header_key(en)] = en
        out[header_key(zh)] = en
    return out


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------

def python_codec(label: str) -> str:
    """An encoding label from [data.encoding] (WHATWG labels, as encoding_rs)."""
    key = label.strip().lower()
    # WHATWG decodes gbk, gb2312 and gb18030 all with the gb18030 decoder.
    if key in {"gbk", "gb2312", "gb18030", "x-gbk", "chinese", "csgb2312", "gb_2312", "gb_2312-80",
               "iso-ir-58", "csiso58gb231280"}:
        return "gb18030"
    if key in {"utf8", "utf-8", "unicode-1-1-utf-8"}:
        return "utf-8"
    return key


def decode(raw: bytes, override: str | None) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        # A BOM decides, as in encoding_rs's decode-with-BOM-sniffing.
        return raw[3:].decode("utf-8", errors="replace")
    if override:
        return raw.decode(python_codec(override), errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def read_table(path: Path, override: str | None):
    """(header cells, list of data rows) or None when the file is missing."""
    if not path.is_file():
        return None
    text = decode(path.read_bytes(), override)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return [], []
    header, body = rows[0], rows[1:]
    # READING: a row whose cells are all empty (a blank spreadsheet line) is skipped.
    body = [r for r in body if any(c.strip() for c in r)]
    return header, body


class Table:
    """A CSV file with its header mapped onto canonical column names."""

    def __init__(self, header, rows, columns, keep_unknown=False):
        lookup = column_lookup(columns)
        self.index: dict[str, int] = {}
        self.extra: list[tuple[str, int]] = []  # (header as written, trimmed) of unknown columns
        for i, name in enumerate(header):
            canon = lookup.get(header_key(name))
            if canon is not None:
                self.index.setdefault(canon, i)
            elif keep_unknown:
                self.extra.append((name.strip(), i))
        self.rows = rows

    @staticmethod
    def cell(row, i):
        if i is None or i >= len(row):
            return ""
        return row[i].strip()

    def get(self, row, canon):
        return self.cell(row, self.index.get(canon))


# ---------------------------------------------------------------------------
# Config
# ---------------------------------------------------------------------------

DEFAULT_STANDARDS = {
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


def load_config(root: Path):
    path = root / "wuye.toml"
    with open(path, "rb") as f:
        config = tomllib.load(f)
    standards = dict(DEFAULT_STANDARDS)
    standards.update(config.get("standards", {}))
    encodings = config.get("data", {}).get("encoding", {})
    return config, standards, encodings


def as_of_value(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return parse_datetime(str(value).strip())


# ---------------------------------------------------------------------------
# Loading and validating the logs
# ---------------------------------------------------------------------------

def load_repairs(table: Table | None):
    if table is None:
        return []
    seen_ids: set[str] = set()
    all_ids = {table.get(r, "id") for r in table.rows} - {""}
    valid = []
    for row in table.rows:
        g = lambda c: table.get(row, c)  # noqa: E731
        ok = True
        rid = g("id")
        if not rid:
            ok = False
        elif rid in seen_ids:
            # READING: any earlier row with this id (valid or not) makes this one a duplicate.
            ok = False
        if rid:
            seen_ids.add(rid)
        rec = {"id": rid}
        reported = parse_datetime(g("reported_at"))
        if reported is None:  # empty or unparseable
            ok = False
        rec["reported_at"] = reported
        level = REPAIR_LEVELS.get(g("level").lower())
        if level is None:
            ok = False
        rec["level"] = level
        for col in ("dispatched_at", "arrived_at", "agreed_at", "completed_at"):
            text = g(col)
            if text:
                value = parse_datetime(text)
                if value is None:
                    ok = False
                rec[col] = value
            else:
                rec[col] = None
        passed_text = g("passed")
        if passed_text:
            value = _BOOLEANS.get(passed_text.lower())
            if value is None:
                ok = False
            rec["passed"] = value
        else:
            rec["passed"] = None
        rework = g("rework_of")
        # READING: "in the file" = the id column of any data row of repairs.csv,
        # whether that row is valid, bad, or after as_of.
        if rework and rework not in all_ids:
            ok = False
        rec["rework_of"] = rework or None
        rec["category"] = g("category")
        if ok and rec["completed_at"] is not None and rec["completed_at"] < reported:
            ok = False
        if ok:
            valid.append(rec)
    return valid


def load_complaints(table: Table | None):
    if table is None:
        return []
    seen_ids: set[str] = set()
    valid = []
    for row in table.rows:
        g = lambda c: table.get(row, c)  # noqa: E731
        ok = True
        cid = g("id")
        if not cid or cid in seen_ids:
            ok = False
        if cid:
            seen_ids.add(cid)
        rec = {"id": cid}
        received = parse_datetime(g("received_at"))
        if received is None:
            ok = False
        rec["received_at"] = received
        level_text = g("level")
        if level_text:
            level = COMPLAINT_LEVELS.get(level_text.lower())
            if level is None:
                ok = False
        else:
            level = None
        rec["level"] = level
        for col in ("resolved_at", "callback_at"):
            text = g(col)
            if text:
                value = parse_datetime(text)
                if value is None:
                    ok = False
                rec[col] = value
            else:
                rec[col] = None
        for col in ("ours", "callback_satisfied"):
            text = g(col)
            if text:
                value = _BOOLEANS.get(text.lower())
                if value is None:
                    ok = False
                rec[col] = value
            else:
                rec[col] = None
        channel = g("channel")
        rec["channel"] = CHANNELS.get(channel.lower(), channel)
        rec["category"] = g("category")
        rec["room"] = g("room")
        if ok and rec["resolved_at"] is not None and rec["resolved_at"] < received:
            ok = False
        if ok:
            valid.append(rec)
    return valid


def load_surveys(table: Table | None, scale: float):
    if table is None:
        return [], []
    dims = table.extra  # every non-reserved column is a score dimension
    seen_ids: set[str] = set()
    valid = []
    for row in table.rows:
        g = lambda c: table.get(row, c)  # noqa: E731
        ok = True
        sid = g("id")
        # READING: survey ids are optional, but a repeated non-empty id is a
        # duplicate id like in the other logs.
        if sid:
            if sid in seen_ids:
                ok = False
            seen_ids.add(sid)
        date = parse_datetime(g("date"))
        if date is None:
            ok = False
        overall = parse_number(g("overall"))
        if overall is None or not (1 <= overall <= scale):
            ok = False
        scores = {}
        for name, i in dims:
            text = Table.cell(row, i)
            if not text:
                continue  # not answered
            value = parse_number(text)
            if value is None or not (1 <= value <= scale):
                ok = False
            scores[name] = value
        if ok:
            valid.append({"date": date, "overall": overall, "scores": scores})
    return valid, [name for name, _ in dims]


def load_holidays(table: Table | None):
    kinds: dict[dt.date, str] = {}
    if table is None:
        return kinds
    for row in table.rows:
        when = parse_datetime(table.get(row, "date"))
        kind = HOLIDAY_KINDS.get(table.get(row, "kind").lower())
        if when is None or kind is None:
            continue
        day = when.date()  # READING: a time of day on a holiday date is ignored
        if day in kinds:
            continue  # same kind again: harmless; another kind: error on this later row
        kinds[day] = kind
    return kinds


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------

def periods_of(when: dt.datetime):
    return (f"{when.year:04d}-{when.month:02d}", f"{when.year:04d}Q{(when.month - 1) // 3 + 1}")


def ratio(num, den):
    return None if den == 0 else num / den


def percentile_inc(values, p):
    """PERCENTILE.INC: linear interpolation between closest ranks."""
    if not values:
        return None
    xs = sorted(values)
    rank = p * (len(xs) - 1)
    lo = int(rank)
    frac = rank - lo
    if lo + 1 >= len(xs):
        return xs[lo]
    return xs[lo] + (xs[lo + 1] - xs[lo]) * frac


def snap(value, as_of):
    """An event timestamp after as_of is treated as empty."""
    return value if value is not None and value <= as_of else None


def repair_metrics(repairs, std, as_of):
    minute = dt.timedelta(minutes=1)
    out = {}
    for rec in repairs:
        if rec["reported_at"] > as_of:
            continue
        reported = rec["reported_at"]
        completed = snap(rec["completed_at"], as_of)
        arrived = snap(rec["arrived_at"], as_of)
        dispatched = snap(rec["dispatched_at"], as_of)
        level = rec["level"]
        if level == "emergency":
            deadline = reported + std["emergency_arrival_minutes"] * minute
            met = arrived is not None and arrived <= deadline
        else:
            start = rec["agreed_at"] if rec["agreed_at"] is not None else reported
            if level == "minor":
                deadline = start + dt.timedelta(hours=std["minor_hours"])
            else:
                deadline = start + dt.timedelta(days=std["medium_days"])
            met = completed is not None and completed <= deadline
        due = completed is not None or deadline < as_of
        for period in periods_of(reported):
            m = out.setdefault(period, {
                "orders": 0, "open": 0, "completed": 0, "due": 0, "timely": 0,
                "inspected": 0, "passed": 0, "rework": 0,
                "dispatched": 0, "dispatched_in_time": 0,
                "by_level": {"minor": 0, "medium": 0, "emergency": 0},
                "by_category": {}, "_hours": {},
            })
            m["orders"] += 1
            m["by_level"][level] += 1
            m["by_category"][rec["category"]] = m["by_category"].get(rec["category"], 0) + 1
            if completed is None:
                m["open"] += 1
            else:
                m["completed"] += 1
                if rec["passed"] is not None:
                    m["inspected"] += 1
                    if rec["passed"]:
                        m["passed"] += 1
                hours = (completed - reported).total_seconds() / 3600
                m["_hours"].setdefault(level, []).append(hours)
            if due:
                m["due"] += 1
                if met:
                    m["timely"] += 1
            if rec["rework_of"]:
                m["rework"] += 1
            if dispatched is not None:
                m["dispatched"] += 1
                if dispatched - reported <= std["dispatch_minutes"] * minute:
                    m["dispatched_in_time"] += 1
    for m in out.values():
        m["timeliness_rate"] = ratio(m["timely"], m["due"])
        m["pass_rate"] = ratio(m["passed"], m["inspected"])
        m["rework_rate"] = ratio(m["rework"], m["orders"])
        m["dispatch_compliance"] = ratio(m["dispatched_in_time"], m["dispatched"])
        hours = m.pop("_hours")
        m["completion_hours"] = {
            level: {"n": len(v), "median": percentile_inc(v, 0.5), "p90": percentile_inc(v, 0.9)}
            for level, v in sorted(hours.items())
        }
    return out


def last_allowed_day(received: dt.date, n: int, holidays) -> dt.date:
    day = received
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        kind = holidays.get(day)
        working = day.weekday() < 5 if kind is None else kind == "workday"
        if working:
            counted += 1
    return day


def complaint_metrics(complaints, std, as_of, holidays):
    out = {}
    for rec in complaints:
        received = rec["received_at"]
        if received > as_of:
            continue
        resolved = snap(rec["resolved_at"], as_of)
        callback = snap(rec["callback_at"], as_of)
        result = rec["callback_satisfied"]
        if (rec["callback_at"] is not None and rec["callback_at"] > as_of) or (
            rec["resolved_at"] is not None and rec["resolved_at"] > as_of
        ):
            result = None
        last = last_allowed_day(received.date(), std["complaint_resolve_working_days"], holidays)
        day_after = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
        due = resolved is not None or as_of >= day_after
        on_time = due and resolved is not None and resolved.date() <= last
        for period in periods_of(received):
            m = out.setdefault(period, {
                "received": 0, "resolved": 0, "due": 0, "on_time": 0,
                "callbacks": 0, "callback_results": 0, "callback_satisfied": 0,
                "by_level": {"major": 0, "important": 0, "minor": 0, "unclassified": 0},
                "by_category": {}, "by_channel": {},
            })
            m["received"] += 1
            m["by_level"][rec["level"] or "unclassified"] += 1
            m["by_category"][rec["category"]] = m["by_category"].get(rec["category"], 0) + 1
            m["by_channel"][rec["channel"]] = m["by_channel"].get(rec["channel"], 0) + 1
            if resolved is not None:
                m["resolved"] += 1
                if callback is not None:
                    m["callbacks"] += 1
            if due:
                m["due"] += 1
                if on_time:
                    m["on_time"] += 1
            if result is not None:
                m["callback_results"] += 1
                if result:
                    m["callback_satisfied"] += 1
    for m in out.values():
        m["resolution_rate"] = ratio(m["resolved"], m["received"])
        m["on_time_rate"] = ratio(m["on_time"], m["due"])
        m["callback_rate"] = ratio(m["callbacks"], m["resolved"])
        m["callback_satisfaction"] = ratio(m["callback_satisfied"], m["callback_results"])
    return out


def escalations(complaints, std, as_of):
    live = [c for c in complaints if c["received_at"] <= as_of]
    limit = dt.timedelta(days=std["major_unresolved_days"])
    window = dt.timedelta(days=std["repeat_window_days"])
    found = []
    for c in live:
        reasons = []
        if c["ours"] is True:
            resolved = snap(c["resolved_at"], as_of)
            end = resolved if resolved is not None else as_of
            if end - c["received_at"] > limit:
                reasons.append("a")
        if c["room"] and c["category"]:
            lo = c["received_at"] - window
            series = sum(
                1 for o in live
                if o["room"] == c["room"] and o["category"] == c["category"]
                and lo <= o["received_at"] <= c["received_at"]
            )
            if series >= std["repeat_threshold"]:
                reasons.append("b")
        if reasons and c["level"] != "major":
            found.append({"id": c["id"], "reasons": reasons, "level": c["level"]})
    found.sort(key=lambda e: e["id"])
    return found


def survey_metrics(surveys, dims, std, as_of, households):
    out = {}
    smin = std["satisfied_min"]
    for rec in surveys:
        if rec["date"] > as_of:
            continue
        for period in periods_of(rec["date"]):
            m = out.setdefault(period, {"responses": 0, "satisfied": 0, "_sum": 0.0, "_dims": {}})
            m["responses"] += 1
            m["_sum"] += rec["overall"]
            if rec["overall"] >= smin:
                m["satisfied"] += 1
            for name, score in rec["scores"].items():
                d = m["_dims"].setdefault(name, [0, 0, 0.0])
                d[0] += 1
                d[1] += score >= smin
                d[2] += score
    for m in out.values():
        total = m.pop("_sum")
        m["satisfaction_rate"] = ratio(m["satisfied"], m["responses"])
        m["overall_mean"] = ratio(total, m["responses"])
        m["response_rate"] = None if not households else m["responses"] / households
        dims_out = {}
        for name, (answered, satisfied, total) in sorted(m.pop("_dims").items()):
            dims_out[name] = {
                "answered": answered, "satisfied": int(satisfied),
                "rate": ratio(satisfied, answered), "mean": ratio(total, answered),
            }
        m["dimensions"] = dims_out
    return out


def compute(root: Path, as_of_arg: str | None):
    config, std, encodings = load_config(root)
    if as_of_arg is not None:
        as_of = parse_datetime(as_of_arg.strip())
        if as_of is None:
            sys.exit(f"--as-of: not a date/time: {as_of_arg!r}")
    else:
        as_of = as_of_value(config.get("as_of"))
        if as_of is None:
            sys.exit("as_of is required: give --as-of or set as_of in wuye.toml")
    data = root / "data"

    def table(name, columns, keep_unknown=False):
        got = read_table(data / name, encodings.get(name))
        if got is None:
            return None
        header, rows = got
        return Table(header, rows, columns, keep_unknown)

    repairs = load_repairs(table("repairs.csv", REPAIR_COLUMNS))
    complaints = load_complaints(table("complaints.csv", COMPLAINT_COLUMNS))
    surveys, dims = load_surveys(table("surveys.csv", SURVEY_COLUMNS, keep_unknown=True),
                                 std["survey_scale"])
    holidays = load_holidays(table("holidays.csv", HOLIDAY_COLUMNS))
    return {
        "as_of": as_of.strftime("%Y-%m-%d %H:%M"),
        "repairs": repair_metrics(repairs, std, as_of),
        "complaints": complaint_metrics(complaints, std, as_of, holidays),
        "surveys": survey_metrics(surveys, dims, std, as_of, config.get("households")),
        "escalations": escalations(complaints, std, as_of),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("estate_dir", type=Path)
    parser.add_argument("--as-of", dest="as_of")
    args = parser.parse_args(argv)
    result = compute(args.estate_dir, args.as_of)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
