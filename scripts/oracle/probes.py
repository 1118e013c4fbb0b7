#!/usr/bin/env python3
"""Small hand-written estates for inputs the random generator does not write.

Usage: probes.py [--wuye PATH]   (build wuye first, or run crosscheck.py once)

Each probe is one tiny estate run through both wuye and the oracle. Probes
marked "open" touch a point the contract leaves open (docs/ORACLE.md); a
difference there is a reading to settle, the others are bugs on one side.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import crosscheck  # noqa: E402
import metrics_oracle  # noqa: E402

TOML = 'name = "probe"\nhouseholds = 100\nas_of = "2026-03-31 18:00"\n'
R_HEAD = "id,reported_at,level,category,dispatched_at,arrived_at,agreed_at,completed_at,passed,rework_of\n"
C_HEAD = "id,received_at,channel,room,category,level,ours,resolved_at,callback_at,callback_satisfied\n"
S_HEAD = "id,date,overall,客服\n"

PROBES = [
    # (name, open?, toml, {file: (text, encoding)})
    ("datetime: single-digit dash form and hour 2026-3-5 9:05", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-3-5 9:05,minor,,,,,2026-3-5 9:30,,\n", "utf-8")}),
    ("datetime: slash with seconds 2026/3/5 14:30:00", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026/3/5 14:30:00,minor,,,,,,,\n", "utf-8")}),
    ("datetime: 2026-03-05T14:30 (T without seconds)", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05T14:30,minor,,,,,,,\n", "utf-8")}),
    ("datetime: 2026年3月5日14:30 without the space", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026年3月5日14:30,minor,,,,,,,\n", "utf-8")}),
    ("datetime: bare 2026/3/5 and 2026年3月5日", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026/3/5,minor,,,,,,,\nB,2026年3月6日,minor,,,,,,,\n", "utf-8")}),
    ("full-width spaces around values (U+3000)", False, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,\u3000小修\u3000,水电,,,,2026-03-05 10:00,\u3000是,\n", "utf-8")}),
    ("ids trimmed before the duplicate check", False, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,\n A ,2026-03-06 09:00,minor,,,,,,,\n", "utf-8")}),
    ("rework_of trimmed", False, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,\nB,2026-03-06 09:00,minor,,,,,,, A \n", "utf-8")}),
    ("rework_of naming itself", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,A\n", "utf-8")}),
    ("survey scores 4.50, 05, +4", True, TOML,
     {"surveys.csv": (S_HEAD + "1,2026-03-01,4.50,05\n2,2026-03-02,+4,\n", "utf-8")}),
    ("survey score 1e0 (exponent)", True, TOML,
     {"surveys.csv": (S_HEAD + "1,2026-03-01,1e0,\n2,2026-03-02,5,\n", "utf-8")}),
    ("survey: reserved names in other case (ROOM, Comment, NOTE)", False, TOML,
     {"surveys.csv": ("ID,DATE,OVERALL,ROOM,Comment,NOTE,客服\n1,2026-03-01,5,1-101,好,备,4\n", "utf-8")}),
    ("survey: an extra free-text column is a dimension, its words are errors", False, TOML,
     {"surveys.csv": ("id,date,overall,联系人,客服\n1,2026-03-01,5,王,4\n2,2026-03-02,4,,3\n", "utf-8")}),
    ("survey: an empty header cell (trailing comma)", True, TOML,
     {"surveys.csv": ("id,date,overall,客服,\n1,2026-03-01,5,4,\n", "utf-8")}),
    ("survey dated with a time after as_of on the as_of day", True, TOML,
     {"surveys.csv": (S_HEAD + "1,2026-03-31 18:01,5,\n2,2026-03-31 18:00,4,\n", "utf-8")}),
    ("rows with fewer cells than the header", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor\nB,2026-03-06 09:00,medium,水电\n", "utf-8")}),
    ("rows with more cells than the header", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,,extra\n", "utf-8")}),
    ("a blank line and a commas-only line in the middle", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,\n\n,,,,,,,,,\nB,2026-03-06 09:00,minor,,,,,,,\n", "utf-8")}),
    ("only surveys.csv present", False, TOML,
     {"surveys.csv": (S_HEAD + "1,2026-03-01,5,4\n", "utf-8")}),
    ("a log with a header and no rows", False, TOML,
     {"repairs.csv": (R_HEAD, "utf-8"), "complaints.csv": (C_HEAD, "utf-8")}),
    ("[data.encoding] says gbk, file is UTF-8 with BOM", True,
     TOML + '[data.encoding]\n"repairs.csv" = "gbk"\n',
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,小修,水电,,,,,,\n", "bom")}),
    ("[data.encoding] says gbk, file is GB18030", False,
     TOML + '[data.encoding]\n"repairs.csv" = "gbk"\n',
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,小修,水电,,,,,,\n", "gb18030")}),
    ("GB18030 without override, Chinese headers", False, TOML,
     {"repairs.csv": ("工单号,报修时间,级别,类别\nA,2026年3月5日 09:00,急修,电梯\n", "gb18030")}),
    ("households = 0", True, 'name = "p"\nhouseholds = 0\nas_of = "2026-03-31 18:00"\n',
     {"surveys.csv": (S_HEAD + "1,2026-03-01,5,4\n", "utf-8")}),
    ("households absent", False, 'name = "p"\nas_of = "2026-03-31 18:00"\n',
     {"surveys.csv": (S_HEAD + "1,2026-03-01,5,4\n", "utf-8")}),
    ("satisfied_min written as an integer", False,
     'name = "p"\nas_of = "2026-03-31 18:00"\n[standards]\nsatisfied_min = 4\n',
     {"surveys.csv": (S_HEAD + "1,2026-03-01,4,3.99\n", "utf-8")}),
    ("as_of with seconds in the config", True, 'name = "p"\nas_of = "2026-03-05 09:00:30"\n',
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00:30,minor,,,,,,,\nB,2026-03-05 09:00:31,minor,,,,,,,\n", "utf-8")}),
    ("agreed_at before reported_at", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,2026-03-04 09:00,2026-03-05 09:30,,\n", "utf-8")}),
    ("complaint: callback result with no resolution and no callback", False, TOML,
     {"complaints.csv": (C_HEAD + "C1,2026-03-05 09:00,phone,1,保洁,,,,,满意\n", "utf-8")}),
    ("complaint: channel case, other labels, Chinese", False, TOML,
     {"complaints.csv": (C_HEAD + "C1,2026-03-05 09:00,PHONE,,,,,,,\nC2,2026-03-05 09:00,wechat,,,,,,,\n"
                         "C3,2026-03-05 09:00,WeChat,,,,,,,\nC4,2026-03-05 09:00, 来访 ,,,,,,,\n", "utf-8")}),
    ("complaint: room case differs in a series", True, TOML,
     {"complaints.csv": (C_HEAD + "C1,2026-03-01 09:00,,a-101,噪音,,,,,\nC2,2026-03-02 09:00,,A-101,噪音,,,,,\n"
                         "C3,2026-03-03 09:00,,a-101,噪音,,,,,\n", "utf-8")}),
    ("holidays: kind with a time, date with a time", True, TOML,
     {"holidays.csv": ("date,kind\n2026-03-09 00:00,休\n", "utf-8"),
      "complaints.csv": (C_HEAD + "C1,2026-03-06 17:00,,,,,,2026-03-12 10:00,,\n", "utf-8")}),
    ("holidays: empty kind", True, TOML,
     {"holidays.csv": ("date,kind\n2026-03-09,\n", "utf-8"),
      "complaints.csv": (C_HEAD + "C1,2026-03-06 17:00,,,,,,2026-03-11 10:00,,\n", "utf-8")}),
    ("repairs: duplicate column (id and 工单号 both present)", True, TOML,
     {"repairs.csv": ("id,工单号,reported_at,level\nA,X,2026-03-05 09:00,minor\nB,X,2026-03-06 09:00,minor\n", "utf-8")}),
    ("complaint resolve working days 0", True,
     'name = "p"\nas_of = "2026-03-31 18:00"\n[standards]\ncomplaint_resolve_working_days = 0\n',
     {"complaints.csv": (C_HEAD + "C1,2026-03-06 17:00,,,,,,2026-03-06 23:59,,\nC2,2026-03-06 17:00,,,,,,2026-03-07 00:00,,\n", "utf-8")}),
    ("repeat_threshold 1 and 2, major_unresolved_days 0, dispatch_minutes 0", False,
     'name = "p"\nas_of = "2026-03-31 18:00"\n[standards]\nrepeat_threshold = 2\nmajor_unresolved_days = 0\n'
     'dispatch_minutes = 0\n',
     {"complaints.csv": (C_HEAD + "C1,2026-03-01 09:00,,1-1, 噪音 ,,yes,2026-03-01 09:00,,\n"
                         "C2,2026-03-02 09:00,,1-1,噪音,,yes,2026-03-02 09:01,,\n", "utf-8"),
      "repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,2026-03-05 09:00,,,,,\n"
                      "B,2026-03-05 09:00,minor,,2026-03-05 09:00:01,,,,,\n", "utf-8")}),
    ("repeat_threshold 1", True, 'name = "p"\nas_of = "2026-03-31 18:00"\n[standards]\nrepeat_threshold = 1\n',
     {"complaints.csv": (C_HEAD + "C1,2026-03-01 09:00,,1-1,噪音,,,,,\nC2,2026-03-01 09:00,,,噪音,,,,,\n", "utf-8")}),
    ("--as-of on the command line in another spelling", False, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,2026-03-06 09:00,,\n", "utf-8")}, "2026/3/6 9:00"),
    ("--as-of as a bare date", True, TOML,
     {"repairs.csv": (R_HEAD + "A,2026-03-05 09:00,minor,,,,,,,\nB,2026-03-06 00:00,minor,,,,,,,\n", "utf-8")},
     "2026-03-06"),
    ("quarter boundary and year boundary", False, 'name = "p"\nas_of = "2026-01-01 00:00"\n',
     {"repairs.csv": (R_HEAD + "A,2025-12-31 23:59,minor,,,,,,,\nB,2026-01-01 00:00,minor,,,,,,,\n"
                      "C,2025-10-01 00:00,medium,,,,,,,\n", "utf-8")}),
]


def write(root: Path, toml: str, files):
    (root / "data").mkdir(parents=True)
    (root / "wuye.toml").write_text(toml, encoding="utf-8")
    for name, (text, enc) in files.items():
        data = (b"\xef\xbb\xbf" + text.encode("utf-8")) if enc == "bom" else text.encode(enc)
        (root / "data" / name).write_bytes(data)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wuye", type=Path, default=crosscheck.REPO / "target/release/wuye")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="wuye-probes-"))
    bugs = readings = 0
    for n, (name, is_open, toml, files, *as_of) in enumerate(PROBES):
        root = base / f"probe-{n:02d}"
        write(root, toml, files)
        as_of = as_of[0] if as_of else None
        expected = json.loads(json.dumps(metrics_oracle.compute(root, as_of)))
        actual, proc = crosscheck.run_wuye(args.wuye, root, as_of)
        tag = "open" if is_open else "firm"
        if actual is None:
            diffs = [("(whole output)", "JSON", f"exit {proc.returncode}", proc.stderr.decode()[:300])]
        else:
            diffs = list(crosscheck.compare(expected, actual))
        if not diffs:
            print(f"✓ [{tag}] {name}")
            continue
        if is_open:
            readings += 1
        else:
            bugs += 1
        print(f"✗ [{tag}] {name}   ({root})")
        for path, exp, act, note in diffs[:6]:
            print(f"    {path}: oracle {crosscheck.short(exp)}  wuye {crosscheck.short(act)}"
                  + (f"  ({note})" if note else ""))
        err = proc.stderr.decode("utf-8", "replace").strip()
        if err:
            print("    wuye stderr: " + err[:400].replace("\n", "\n      "))
    print(f"{len(PROBES) - bugs - readings} agree, {bugs} firm differences, {readings} open-reading differences")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    sys.exit(1 if bugs else 0)


if __name__ == "__main__":
    main()
