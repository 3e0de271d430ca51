#!/usr/bin/env bash
# Times the mtalint CLI as whole processes against a published .NET hello-world (ReadyToRun) measured
# in the same run: cold start on one file, `rules`, and runs over 2,500 and 10,000 files (the
# corpus replicated), with peak RSS. The shipped executable is the NativeAOT one (scripts/publish.sh
# native); the framework-dependent ReadyToRun build is timed beside it for comparison.
#   bash bench/cli-bench.sh [RUNS]        (default 15 runs per small case, 5 per bulk case; needs
#                                          hyperfine and GNU time, which it installs with apt-get)
# Prints a Markdown table of medians, ratios and throughput; the raw hyperfine JSON stays in
# artifacts/bench/. Run it on a quiet machine: other jobs on the two cores move every figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-15}
bulk_runs=$(( runs < 5 ? runs : 5 ))
work="$root/artifacts/bench"
mkdir -p "$work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }

echo "publishing mtalint (native and ReadyToRun) and hello-world (ReadyToRun)..." >&2
native=$(bash "$root/scripts/publish.sh" native "$work/native")
r2r=$(bash "$root/scripts/publish.sh" r2r "$work/r2r")
hello="$work/hello-src"
if [ ! -f "$hello/hello.csproj" ]; then
  mkdir -p "$hello"
  cat > "$hello/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup>
</Project>
XML
  echo 'System.Console.WriteLine("Hello, World!");' > "$hello/Program.cs"
fi
dotnet publish "$hello" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/hello" -nologo -v q >/dev/null

bash "$root/bench/make-corpus.sh" 2500 "$work/files-2500" >/dev/null
bash "$root/bench/make-corpus.sh" 10000 "$work/files-10000" >/dev/null

# The pre-commit case: Debian's default main.cf, the file most hooks will see.
one="$root/testdata/postfix/debian-default/main.cf"
lint=(--hostname mx.example.com --format json)
# Exit code 1 (findings) and 2 (the corpus holds unparsable templates) are normal outcomes here.
hyperfine -N --warmup 3 --runs "$runs" -i --export-json "$work/times.json" \
  -n hello "$work/hello/hello" \
  -n native-one "$native --hostname mx.example.com $one" \
  -n r2r-one "$r2r --hostname mx.example.com $one" \
  -n native-rules "$native rules" >/dev/null 2>&1
hyperfine -N --warmup 1 --runs "$bulk_runs" -i --export-json "$work/times-bulk.json" \
  -n native-2500 "$native ${lint[*]} $work/files-2500" \
  -n native-10000 "$native ${lint[*]} $work/files-10000" \
  -n r2r-10000 "$r2r ${lint[*]} $work/files-10000" >/dev/null 2>&1

rss() { /usr/bin/time -f %M -o "$work/rss.txt" "$@" >/dev/null 2>&1 || true; tail -n 1 "$work/rss.txt"; }
rss_hello=$(rss "$work/hello/hello")
rss_one=$(rss "$native" --hostname mx.example.com "$one")
rss_10k=$(rss "$native" "${lint[@]}" "$work/files-10000")
rss_r2r_10k=$(rss "$r2r" "${lint[@]}" "$work/files-10000")

python3 - "$work/times.json" "$work/times-bulk.json" "$rss_hello" "$rss_one" "$rss_10k" "$rss_r2r_10k" "$(nproc)" "$load_before" <<'PY'
import json, sys
def load(path):
    return {r["command"]: r for r in json.load(open(path))["results"]}
small, bulk = load(sys.argv[1]), load(sys.argv[2])
med = lambda r: r["median"] * 1000
mb = lambda kb: int(kb) // 1024
hello = med(small["hello"])
one, r2r_one = med(small["native-one"]), med(small["r2r-one"])
t2500, t10k, r2r10k = med(bulk["native-2500"]), med(bulk["native-10000"]), med(bulk["r2r-10000"])
ok = lambda b: "met" if b else "NOT met"
rows = [
    ("hello-world (.NET, ReadyToRun)", hello, "1.00x", "the floor", mb(sys.argv[3])),
    ("mtalint native, 1 file (cold)", one, f"{one / hello:.2f}x hello",
     f"<= 60 ms and <= 1.8x hello: {ok(one <= 60 and one <= 1.8 * hello)}", mb(sys.argv[4])),
    ("mtalint ReadyToRun, 1 file (cold)", r2r_one, f"{r2r_one / hello:.2f}x hello", "(comparison)", None),
    ("mtalint native, rules", med(small["native-rules"]), f"{med(small['native-rules']) / hello:.2f}x hello", "", None),
    ("mtalint native, 2,500 files", t2500, f"{2500 / (t2500 / 1000):.0f} files/s", "", None),
    ("mtalint native, 10,000 files", t10k, f"{10000 / (t10k / 1000):.0f} files/s",
     f">= 2,000 files/s: {ok(10000 / (t10k / 1000) >= 2000)}; <= 100 MB: {ok(mb(sys.argv[5]) <= 100)}", mb(sys.argv[5])),
    ("mtalint ReadyToRun, 10,000 files", r2r10k, f"{10000 / (r2r10k / 1000):.0f} files/s", "(comparison)", mb(sys.argv[6])),
]
print(f"{sys.argv[7]} cores, load average before the run {sys.argv[8]}")
print()
print("| case | median ms | ratio / throughput | target | peak RSS MB |")
print("|---|---:|---|---|---:|")
for name, ms, ratio, target, rss in rows:
    print(f"| {name} | {ms:.1f} | {ratio} | {target} | {'' if rss is None else rss} |")
print()
scale = t10k / t2500
print(f"scaling: 10,000 files / 2,500 files = {scale:.2f}x the time for 4x the files (target <= 4.6x: {ok(scale <= 4.6)})")
PY
