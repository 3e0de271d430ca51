#!/usr/bin/env bash
# Issue 15's speed goal: linting a template costs at most 1.5x a literal file of the same size. For each dialect
# (Postfix main.cf, Exim config, Sendmail .mc) and size, the benchmark project writes a literal config and a template of
# the same shape (bench/MtaLint.Benchmarks/TemplatePairs.cs); the published native mtalint lints each side RUNS times,
# the two sides interleaved so that load on the machine hits both alike. Prints the median CPU seconds (user+sys, from
# /usr/bin/time: the figure that survives a loaded machine), the median wall seconds, and the template/literal ratio.
#   bash bench/template-bench.sh [RUNS] [LINES...]     RUNS per side (default 5); LINES (default 20000 100000)
#   MTALINT=/path/mtalint   time that binary instead of publishing this checkout
#   ONLY=exim               only the pairs whose name starts with this
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 100000)
work="$root/artifacts/bench/template"
mkdir -p "$work"

mt=${MTALINT:-}
if [ -z "$mt" ]; then
  echo "publishing mtalint (NativeAOT)..." >&2
  mt=$(bash "$root/scripts/publish.sh" native "$work/mtalint")
fi

echo "generating the pairs..." >&2
dotnet build "$root/bench/MtaLint.Benchmarks" -c Release -nologo -v q >/dev/null
inputs="$work/inputs"
rm -rf "$inputs"
mkdir -p "$inputs"
dotnet "$root/bench/MtaLint.Benchmarks/bin/Release/net10.0/MtaLint.Benchmarks.dll" --generate-template-pairs "$inputs" "${sizes[@]}" > "$work/pairs.tsv"

times="$work/times.tsv"
: > "$times"
# One run: CPU seconds (user+sys) and wall seconds. Exit code 1 (findings) is a linter's normal outcome.
run_once() {
  local dir=$1 tv="$work/run.time"
  /usr/bin/time -f '%U %S %e' -o "$tv" "$mt" --hostname mx.example.com --format json "$dir" > /dev/null 2>&1 || true
  # time writes "Command exited with non-zero status 1" before the figures when the linter finds something: the last line only.
  tail -n 1 "$tv" | awk '{printf "%.3f\t%.3f\n", $1 + $2, $3}'
}

while IFS=$'\t' read -r name lines; do
  [ -n "${ONLY:-}" ] && [[ "$name" != "$ONLY"* ]] && continue
  echo "timing $name..." >&2
  run_once "$inputs/$name/literal" > /dev/null   # warm the file cache
  run_once "$inputs/$name/template" > /dev/null
  for _ in $(seq "$runs"); do
    for side in literal template; do
      printf '%s\t%s\t%s\n' "$name" "$side" "$(run_once "$inputs/$name/$side")" >> "$times"
    done
  done
done < "$work/pairs.tsv"

python3 - "$times" "$(uptime)" <<'PY'
import statistics, sys
times, load = sys.argv[1], sys.argv[2]
rows = {}
for line in open(times):
    name, side, cpu, wall = line.rstrip("\n").split("\t")
    rows.setdefault(name, {}).setdefault(side, []).append((float(cpu), float(wall)))
print(f"template cost against a literal file of the same shape (median of {min(len(v) for r in rows.values() for v in r.values())} runs; load:{load.split('load average:')[-1]})")
print(f"{'pair':<18} {'literal cpu':>11} {'template cpu':>12} {'ratio':>6} {'literal wall':>12} {'template wall':>13}")
for name, sides in rows.items():
    lc = statistics.median(c for c, _ in sides["literal"]); tc = statistics.median(c for c, _ in sides["template"])
    lw = statistics.median(w for _, w in sides["literal"]); tw = statistics.median(w for _, w in sides["template"])
    ratio = tc / lc if lc > 0 else float("nan")
    print(f"{name:<18} {lc:>11.2f} {tc:>12.2f} {ratio:>5.2f}x {lw:>12.2f} {tw:>13.2f}")
PY
