#!/usr/bin/env bash
# Times whole `wuye build` and `wuye metrics --format json` runs on generated
# estates of 1x, 10x and 100x a typical one, and a 200-chapter handbook;
# prints medians and peak memory as a Markdown table (docs/PERFORMANCE.md).
#
# Usage: scripts/bench.sh [WORKDIR]        (default /tmp/wuye-bench)
#   RUNS=10 scripts/bench.sh               more runs per command (default 5)
#   SIZES="1 10" scripts/bench.sh          only some sizes
#   COLD=1 scripts/bench.sh                also builds into an empty folder
#
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
# The machine is shared: the load average is printed before each size; wall
# times mean something only when it is low.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/wuye-bench}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1 10 100"}
mkdir -p "$WORK"

cargo build --release --quiet --bin wuye --example gen_large_estate
WUYE=$PWD/target/release/wuye
GEN=$PWD/target/release/examples/gen_large_estate

# Generates an estate once per set of arguments.
estate() {
  local name=$1
  shift
  local dir="$WORK/$name"
  if [ "$(cat "$dir.args" 2>/dev/null)" != "$*" ] || [ ! -f "$dir/wuye.toml" ]; then
    "$GEN" --out "$dir" "$@" >&2
    echo "$*" >"$dir.args"
  fi
  echo "$dir"
}

# Median of the peak resident memory (MiB) of three runs of a command.
peak_mib() {
  for _ in 1 2 3; do
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1
  done | sort -n | sed -n 2p | awk '{ printf "%.0f", $1 / 1024 }'
}

# Median wall time (s) from a hyperfine JSON export.
median() {
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "wuye: $(git rev-parse --short HEAD) ($(git status --porcelain | grep -q . && echo 'with local changes' || echo clean))"
echo

ROWS=()
for x in $SIZES; do
  dir=$(estate "e${x}x" --seed 1 --notices $((100 * x)) --repairs $((10000 * x)) \
    --complaints $((2000 * x)) --surveys $((2000 * x)) --months 36)
  out="$WORK/out-e${x}x"
  echo "== ${x}x: $(du -sh "$dir/data" | cut -f1) of CSV; $(uptime | sed 's/.*load/load/')" >&2

  hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/metrics-${x}x.json" \
    "$WUYE metrics --root $dir --format json" >&2
  # Two warm-up builds: the second makes the back folder; from then on a
  # build writes only what changed (here: nothing).
  hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/build-${x}x.json" \
    "$WUYE build --root $dir --out $out" >&2
  metrics_mib=$(peak_mib "$WUYE" metrics --root "$dir" --format json)
  build_mib=$(peak_mib "$WUYE" build --root "$dir" --out "$out")
  cold="-"
  if [ "${COLD:-0}" = 1 ]; then
    hyperfine --style basic --runs 3 --export-json "$WORK/cold-${x}x.json" \
      --prepare "rm -rf $WORK/cold-out $WORK/.cold-out.wuye-back" \
      "$WUYE build --root $dir --out $WORK/cold-out" >&2
    cold=$(median "$WORK/cold-${x}x.json")
  fi
  files=$(find "$out" -type f | wc -l)
  ROWS+=("| ${x}x | $((100 * x)) | $((10000 * x)) / $((2000 * x)) / $((2000 * x)) | $(median "$WORK/metrics-${x}x.json") | ${metrics_mib} | $(median "$WORK/build-${x}x.json") | ${build_mib} | ${cold} | ${files} |")
done

hb=$(estate hb200 --seed 1 --notices 0 --repairs 0 --complaints 0 --surveys 0 --chapters 200)
echo "== handbook, 200 chapters; $(uptime | sed 's/.*load/load/')" >&2
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/handbook.json" \
  "$WUYE build --root $hb --out $WORK/out-hb200" >&2

echo
echo "| size | notices | repairs / complaints / surveys | metrics s | metrics MiB | build s | build MiB | cold build s | files |"
echo "|---|---|---|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do echo "$row"; done
echo
echo "whole build of an estate with only a 200-chapter handbook (web + print): $(median "$WORK/handbook.json") s"
echo "load average now: $(uptime | sed 's/.*load average: //')"
