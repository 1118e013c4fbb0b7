#!/usr/bin/env bash
# Measures `wuye serve` on a generated estate with many notices: the first
# build, then the time from saving one notice to the reload event that an
# open page receives (docs/PERFORMANCE.md, "serve").
#
# Usage: scripts/serve-latency.sh [NOTICES] [ROUNDS] [WUYE_BINARY]
#   defaults: 10000 notices, 5 rounds, target/release/wuye
# ROUND_PAUSE=seconds between rounds (default 1).
# ESTATE=<folder>: serve a copy of that estate instead (for example one made
#   by examples/gen_large_estate.rs: 10,000 notices and 1M log rows); the
#   notice in the middle of content/notices/ is the one saved.
# Needs curl. Build first: cargo build --release
set -euo pipefail
notices=${1:-10000}
rounds=${2:-5}
wuye=$(realpath "${3:-target/release/wuye}")

dir=$(mktemp -d)
serve_pid=
sse_pid=
cleanup() {
  [ -n "$sse_pid" ] && kill "$sse_pid" 2>/dev/null || true
  [ -n "$serve_pid" ] && kill -INT "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

estate="$dir/estate"
if [ -n "${ESTATE:-}" ]; then
  cp -r "$ESTATE" "$estate"
  rm -rf "$estate/output" "$estate/.output.wuye-back"
  notices=$(find "$estate/content/notices" -name '*.md' | wc -l)
else
  "$wuye" init "$estate" >/dev/null
  # A fixed cut-off, so every generated notice is published.
  sed -i 's/^language = .*/&\nas_of = "2026-11-20 18:00"/' "$estate/wuye.toml"
  mkdir -p "$estate/content/notices"
  categories=(停水停电 收费公示 会议通知 社区活动 安全提示 综合通知)
  for ((i = 0; i < notices; i++)); do
    printf -v name 'n%05d.md' "$i"
    printf '+++\ntitle = "第 %d 号通知"\ndate = "%d-%02d-%02d 09:00"\ncategory = "%s"\n+++\n%d 栋住户请注意，这是第 %d 号通知的正文。\n\n## 说明\n\n请相互转告。\n' \
      "$i" $((2025 + i % 2)) $((1 + i / 28 % 10)) $((1 + i % 28)) "${categories[i % 6]}" $((1 + i % 12)) "$i" \
      >"$estate/content/notices/$name"
  done
fi

"$wuye" serve --root "$estate" --port 0 >"$dir/stdout" 2>"$dir/stderr" &
serve_pid=$!
for _ in $(seq 1 6000); do
  grep -q 'http://' "$dir/stdout" 2>/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$dir/stderr"; exit 1; }
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*/' "$dir/stdout" | head -1)
echo "notices: $notices"
grep -E '构建完成|Built' "$dir/stdout" | head -1
echo "files served: $(grep -o '[0-9]* 个文件\|[0-9]* files' "$dir/stdout" | head -1)"

# An open page: stamp each reload event the moment it arrives.
: >"$dir/reloads"
curl -sN "${base}__wuye/events" | while IFS= read -r line; do
  case "$line" in
    "event: reload"*) date +%s%N >>"$dir/reloads" ;;
  esac
done &
sse_pid=$!
sleep 1

# CPU time (user + sys, in ms) of serve's rebuild thread so far: the CPU a
# save costs, apart from the background writer of output/ and the HTTP side.
tick_ms=$((1000 / $(getconf CLK_TCK)))
rebuild_cpu() {
  local task
  for task in /proc/"$serve_pid"/task/*; do
    if [ "$(cat "$task/comm" 2>/dev/null)" = "wuye-serve-rebu" ]; then
      # Fields 14 and 15 (utime, stime) counted after the ") " that ends comm.
      sed 's/.*) //' "$task/stat" | awk -v t="$tick_ms" '{print ($12 + $13) * t}'
      return
    fi
  done
  echo 0
}

target=$(find "$estate/content/notices" -name '*.md' | sort | sed -n "$((notices / 2 + 1))p")
for ((r = 1; r <= rounds; r++)); do
  before=$(wc -l <"$dir/reloads")
  cpu_before=$(rebuild_cpu)
  start=$(date +%s%N)
  # TOML (title = "...") or YAML (title: ...) front matter.
  sed -i -E "s/^title( =|:) .*/title\1 \"改过 $r 次的通知\"/" "$target"
  for _ in $(seq 1 3000); do
    [ "$(wc -l <"$dir/reloads")" -gt "$before" ] && break
    sleep 0.005
  done
  end=$(sed -n "$((before + 1))p" "$dir/reloads")
  [ -n "$end" ] || { echo "round $r: no reload event"; exit 1; }
  echo "round $r: save → reload event $(((end - start) / 1000000)) ms wall, rebuild thread $(($(rebuild_cpu) - cpu_before)) ms CPU"
  sleep "${ROUND_PAUSE:-1}"
done
echo "output size: $(du -sh "$estate/output" | cut -f1), server memory: $(grep VmRSS /proc/$serve_pid/status | tr -s ' ' | cut -d' ' -f2-)"
echo "server's own rebuild lines:"
grep -E '已重新构建|Rebuilt' "$dir/stdout" | tail -n "$rounds"
[ -n "${SHOW_STDERR:-}" ] && cat "$dir/stderr"
true
