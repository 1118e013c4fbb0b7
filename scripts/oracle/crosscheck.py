#!/usr/bin/env python3
"""Compare `wuye metrics --format json` with the independent oracle.

Usage: crosscheck.py [--cases N] [--keep] [--seed-base S] [--rows K]
                     [--ambiguous] [--no-build] [--wuye PATH]

Builds wuye once (cargo build --release), checks the sample estate at the
repository root, then generates N estates (gen_cases.py; every second one also
holds bad rows) and compares every value of the oracle's JSON with wuye's:
numbers with a relative tolerance of 1e-9, null vs number is a mismatch, a
missing key is a mismatch; extra metric keys in wuye's output are fine, but an
extra period / label / escalation with a non-zero figure is a mismatch.
--ambiguous adds the rows whose reading the contract leaves open (see
docs/ORACLE.md); their mismatches are readings to settle rather than bugs.
Prints `N passed, M failed` and exits non-zero on any mismatch.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import gen_cases  # noqa: E402
import metrics_oracle  # noqa: E402

# Maps whose keys are data (periods, labels): an extra key there is a finding
# unless its figures are zero.
LABEL_MAPS = {"repairs", "complaints", "surveys", "by_level", "by_category", "by_channel",
              "completion_hours", "dimensions"}


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_zero(x):
    if is_number(x):
        return x == 0
    if isinstance(x, dict):
        if "n" in x:
            return x["n"] == 0
        if "answered" in x:
            return x["answered"] == 0
        if "orders" in x or "received" in x or "responses" in x:
            return False
    return False


def short(x):
    text = json.dumps(x, ensure_ascii=False)
    return text if len(text) < 120 else text[:117] + "..."


def compare(expected, actual, path="", parent_key=""):
    """Yield (path, expected, actual, note) for every difference."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            yield path, expected, actual, "not an object"
            return
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                yield sub, value, None, "missing in wuye"
                continue
            yield from compare(value, actual[key], sub, key)
        if parent_key in LABEL_MAPS or path in LABEL_MAPS:
            for key, value in actual.items():
                if key not in expected and not is_zero(value):
                    yield f"{path}.{key}", None, value, "extra in wuye"
        return
    if isinstance(expected, list):  # escalations
        if not isinstance(actual, list):
            yield path, expected, actual, "not a list"
            return
        exp = {e["id"]: e for e in expected}
        act = {e.get("id"): e for e in actual if isinstance(e, dict)}
        for cid in sorted(set(exp) | set(act), key=str):
            if cid not in act:
                yield f"{path}[{cid}]", exp[cid], None, "escalation missing in wuye"
            elif cid not in exp:
                yield f"{path}[{cid}]", None, act[cid], "escalation extra in wuye"
            else:
                for key in ("reasons", "level"):
                    if exp[cid][key] != act[cid].get(key):
                        yield f"{path}[{cid}].{key}", exp[cid][key], act[cid].get(key), ""
        ids = [e.get("id") for e in actual if isinstance(e, dict)]
        if ids != sorted(ids, key=str):
            yield path, "sorted by id", ids[:10], "order"
        return
    if expected is None or actual is None:
        if expected is not actual:
            yield path, expected, actual, "null vs value"
        return
    if is_number(expected) and is_number(actual):
        if not math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12):
            yield path, expected, actual, ""
        return
    if expected != actual:
        yield path, expected, actual, ""


def field_class(path: str) -> str:
    """escalations[TS-1].reasons -> escalations.reasons; repairs.2026-03.due -> repairs.due"""
    parts = path.split(".")
    if parts[0].startswith("escalations"):
        return "escalations" + ("." + parts[-1] if len(parts) > 1 else "")
    if len(parts) >= 3:
        return ".".join([parts[0]] + parts[2:3])
    if len(parts) == 2:
        return f"{parts[0]}.<period>"
    return path


def run_wuye(binary: Path, root: Path, as_of: str | None = None):
    cmd = [str(binary), "metrics", "--root", str(root), "--format", "json"]
    if as_of:
        cmd += ["--as-of", as_of]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    stdout = proc.stdout.decode("utf-8", "replace")
    try:
        return json.loads(stdout), proc
    except json.JSONDecodeError:
        return None, proc


def check(name: str, root: Path, binary: Path, show: int, tally, as_of: str | None = None) -> bool:
    expected = json.loads(json.dumps(metrics_oracle.compute(root, as_of)))
    actual, proc = run_wuye(binary, root, as_of)
    if actual is None:
        print(f"✗ {name}: wuye printed no JSON (exit {proc.returncode})")
        print("  stderr:", proc.stderr.decode("utf-8", "replace")[:800].replace("\n", "\n    "))
        tally["(no JSON)"] += 1
        return False
    diffs = list(compare(expected, actual))
    if not diffs:
        print(f"✓ {name}")
        return True
    print(f"✗ {name}: {len(diffs)} mismatches")
    for path, exp, act, note in diffs[:show]:
        print(f"    {path}: oracle {short(exp)}  wuye {short(act)}" + (f"  ({note})" if note else ""))
    if len(diffs) > show:
        print(f"    ... {len(diffs) - show} more")
    for cls in {field_class(p) for p, *_ in diffs}:
        tally[cls] += 1
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the generated estates")
    parser.add_argument("--seed-base", type=int, default=1)
    parser.add_argument("--rows", type=int, default=80)
    parser.add_argument("--ambiguous", action="store_true")
    parser.add_argument("--show", type=int, default=8, help="mismatches shown per case")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--wuye", type=Path, default=REPO / "target/release/wuye")
    args = parser.parse_args(argv)

    if not args.no_build:
        print("cargo build --release ...", flush=True)
        build = subprocess.run(["cargo", "build", "--release"], cwd=REPO)
        if build.returncode != 0:
            sys.exit("cargo build failed")
    binary = args.wuye

    tally = collections.Counter()
    passed = failed = 0
    if check("sample estate (repo root)", REPO, binary, args.show, tally):
        passed += 1
    else:
        failed += 1

    base = Path(tempfile.mkdtemp(prefix="wuye-crosscheck-"))
    for i in range(args.cases):
        seed = args.seed_base + i
        invalid = i % 2 == 1
        root = base / f"case-{seed:04d}{'-invalid' if invalid else ''}"
        gen_cases.Gen(seed, args.rows, invalid, args.ambiguous).write(root)
        label = f"seed {seed}{' (with bad rows)' if invalid else ''}: {root}"
        if check(label, root, binary, args.show, tally):
            passed += 1
        else:
            failed += 1
        if i % 3 == 2:
            # the same logs read as they stood at an earlier cut-off (--as-of wins over the config)
            gen = gen_cases.Gen(seed, args.rows, invalid, args.ambiguous)
            earlier = gen.as_of - gen_cases.DAY * (20 + seed % 40)
            if seed % 2:
                earlier = earlier.replace(hour=0, minute=0)
            as_of = earlier.strftime("%Y-%m-%d %H:%M")
            if check(f"{label} --as-of '{as_of}'", root, binary, args.show, tally, as_of):
                passed += 1
            else:
                failed += 1
    if tally:
        print("\nmismatching fields (number of estates):")
        for cls, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:3d}  {cls}")
    if args.keep:
        print(f"\nestates kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
