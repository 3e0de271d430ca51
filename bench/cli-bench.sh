#!/usr/bin/env bash
# Times the published mtalint CLI as whole processes against a published .NET hello-world,
# measured in the same run: cold start on one file, then runs over 1, 2,500 and 10,000 files
# (the shared corpus replicated), with peak RSS. Prints a table of medians and ratios.
#   bash bench/cli-bench.sh [RUNS]        (default 15 runs per case; needs hyperfine and GNU time,
#                                          which it installs with apt-get when missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-15}
work="$root/artifacts/bench"
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }

echo "publishing mtalint and hello-world (ReadyToRun)..." >&2
dotnet publish "$root/src/MtaLint.Cli" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/mtalint" -nologo -v q >/dev/null
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

bash "$root/bench/make-corpus.sh" 1 "$work/files-1" >/dev/null
bash "$root/bench/make-corpus.sh" 2500 "$work/files-2500" >/dev/null
bash "$root/bench/make-corpus.sh" 10000 "$work/files-10000" >/dev/null

mt="$work/mtalint/mtalint"
one=$(find "$work/files-1" -type f | head -n 1)
json="$work/times.json"
# Exit code 1 (findings) is a normal outcome for a linter run.
hyperfine -N --warmup 3 --runs "$runs" -i --export-json "$json" \
  -n hello "$work/hello/hello" \
  -n "mtalint 1 file" "$mt --hostname mx.example.com $one" \
  -n "mtalint rules" "$mt rules" >/dev/null
hyperfine -N --warmup 1 --runs "$(( runs < 5 ? runs : 5 ))" -i --export-json "$work/times-bulk.json" \
  -n "mtalint 2500 files" "$mt --hostname mx.example.com --format json $work/files-2500" \
  -n "mtalint 10000 files" "$mt --hostname mx.example.com --format json $work/files-10000" >/dev/null

rss() { /usr/bin/time -f %M "$@" >/dev/null 2>"$work/rss.txt" || true; tail -n 1 "$work/rss.txt"; }
rss_hello=$(rss "$work/hello/hello")
rss_one=$(rss "$mt" --hostname mx.example.com "$one")
rss_10k=$(rss "$mt" --hostname mx.example.com --format json "$work/files-10000")

python3 - "$json" "$work/times-bulk.json" "$rss_hello" "$rss_one" "$rss_10k" <<'PY'
import json, sys
small = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
bulk = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
med = lambda r: r["median"] * 1000
hello = med(small["hello"])
one = med(small["mtalint 1 file"])
t2500 = med(bulk["mtalint 2500 files"])
t10k = med(bulk["mtalint 10000 files"])
rows = [
    ("hello-world (published, R2R)", hello, "1.00x", "", int(sys.argv[3]) // 1024),
    ("mtalint, 1 file (cold)", one, f"{one / hello:.2f}x hello", "target <= 60 ms and <= 1.8x", int(sys.argv[4]) // 1024),
    ("mtalint rules", med(small["mtalint rules"]), f"{med(small['mtalint rules']) / hello:.2f}x hello", "", None),
    ("mtalint, 2,500 files", t2500, f"{2500 / (t2500 / 1000):.0f} files/s", "", None),
    ("mtalint, 10,000 files", t10k, f"{10000 / (t10k / 1000):.0f} files/s", "target >= 2,000 files/s, <= 100 MB", int(sys.argv[5]) // 1024),
]
print(f"| case | median ms | ratio / throughput | target | peak RSS MB |")
print(f"|---|---:|---|---|---:|")
for name, ms, ratio, target, rss in rows:
    print(f"| {name} | {ms:.1f} | {ratio} | {target} | {'' if rss is None else rss} |")
print()
print(f"scaling: 10,000 files / 2,500 files = {t10k / t2500:.2f}x the time for 4x the files (target <= 4.6x)")
PY
