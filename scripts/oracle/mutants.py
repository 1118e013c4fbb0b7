#!/usr/bin/env python3
"""How sharp are the generated estates? Mutation check of the generator.

Usage: mutants.py ESTATES_DIR [FIRST]   (ESTATES_DIR: e.g. the folder kept by crosscheck.py --keep)

Each mutant is the oracle with one contract rule deliberately misread (a
limit made strict, holidays ignored, the snapshot skipped ...). For each, it
prints in how many of the estates the mutant's figures differ from the
oracle's: a mutant that no estate exposes marks a rule the generator does not
exercise, and a bug of that shape in wuye would go unseen.
"""
import sys, json, types
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
import metrics_oracle as mo, crosscheck
src = open(mo.__file__).read()
M = {
 'ignore holidays': ('kind = holidays.get(day)', 'kind = None'),
 'ignore make-up workdays': ('working = day.weekday() < 5 if kind is None else kind == "workday"', 'working = day.weekday() < 5 and kind != "holiday"'),
 'open due at deadline==as_of': ('due = completed is not None or deadline < as_of', 'due = completed is not None or deadline <= as_of'),
 'dispatch strict': ('if dispatched - reported <= std["dispatch_minutes"] * minute', 'if dispatched - reported < std["dispatch_minutes"] * minute'),
 'minor/medium met strict': ('met = completed is not None and completed <= deadline', 'met = completed is not None and completed < deadline'),
 'emergency met strict': ('met = arrived is not None and arrived <= deadline', 'met = arrived is not None and arrived < deadline'),
 'agreed moves emergency': ('deadline = reported + std["emergency_arrival_minutes"] * minute', 'deadline = (rec["agreed_at"] or reported) + std["emergency_arrival_minutes"] * minute'),
 'medium end of day': ('deadline = start + dt.timedelta(days=std["medium_days"])', 'deadline = dt.datetime.combine(start.date() + dt.timedelta(days=std["medium_days"]), dt.time(23,59))'),
 'agreed ignored': ('start = rec["agreed_at"] if rec["agreed_at"] is not None else reported', 'start = reported'),
 'complaint due strict': ('due = resolved is not None or as_of >= day_after', 'due = resolved is not None or as_of > day_after'),
 'on time by datetime': ('resolved.date() <= last', 'resolved < dt.datetime.combine(last, dt.time(23,59))'),
 'callback result no snapshot': ('            result = None\n', '            pass\n'),
 'esc a non-strict': ('if end - c["received_at"] > limit', 'if end - c["received_at"] >= limit'),
 'repeat window open start': ('and lo <= o["received_at"] <= c["received_at"]', 'and lo < o["received_at"] <= c["received_at"]'),
 'repeat ignores same instant': ('and lo <= o["received_at"] <= c["received_at"]\n', 'and lo <= o["received_at"] <= c["received_at"] and (o["received_at"] < c["received_at"] or o is c)\n'),
 'survey satisfied strict': ('if rec["overall"] >= smin', 'if rec["overall"] > smin'),
 'percentile nearest': ('return xs[lo] + (xs[lo + 1] - xs[lo]) * frac', 'return xs[round(rank)]'),
 'passed counted on open': ('                m["open"] += 1\n', '                m["open"] += 1\n                if rec["passed"] is not None:\n                    m["inspected"] += 1\n'),
 'events not snapped': ('return value if value is not None and value <= as_of else None', 'return value'),
 'rows after as_of kept': ('        if rec["reported_at"] > as_of:\n            continue', '        pass'),
 'holiday later listing wins': ('        if day in kinds:\n            continue', '        pass'),
 'channel case-sensitive': ('CHANNELS.get(channel.lower(), channel)', 'CHANNELS.get(channel, channel)'),
 'dup check only valid': ('        elif rid in seen_ids:', '        elif rid in seen_ids and False:'),
 'rework target case-insensitive': ('if rework and rework not in all_ids', 'if rework and rework.upper() not in {i.upper() for i in all_ids}'),
 'no completion before report check': ('if ok and rec["completed_at"] is not None and rec["completed_at"] < reported', 'if False'),
 'hours from start': ('hours = (completed - reported).total_seconds() / 3600', 'hours = (completed - (rec["agreed_at"] or reported)).total_seconds() / 3600'),
 'callback needs callback_at': ('            if result is not None:\n                m["callback_results"]', '            if result is not None and callback is not None:\n                m["callback_results"]'),
}
cases = sorted(Path(sys.argv[1]).iterdir())
base = {c: json.loads(json.dumps(mo.compute(c, None))) for c in cases}
for name, (a, b) in list(M.items())[int(sys.argv[2]) if len(sys.argv)>2 else 0:]:
    assert a in src, name
    mod = types.ModuleType('mut'); exec(compile(src.replace(a, b, 1), 'mut', 'exec'), mod.__dict__)
    killed = sum(1 for c in cases if list(crosscheck.compare(base[c], json.loads(json.dumps(mod.compute(c, None))))))
    print(f'{killed:3d}/{len(cases)}  {name}')
