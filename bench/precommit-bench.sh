#!/usr/bin/env bash
# Times mtalint as pre-commit installs and runs it, beside the native executable and the JIT build:
#   1. the first hook run of a fresh pre-commit cache (pre-commit clones this repository at HEAD, runs
#      `dotnet pack` there, which compiles the native package for this machine, `dotnet tool install`s
#      it, then lints one file): the wait a user has once per rev;
#   2. the median start of one lint of Debian's main.cf by the pre-commit-installed mtalint, by the native
#      executable (scripts/publish.sh native) and by the JIT-compiled build (bin/Release/.../mtalint),
#      with hyperfine in one run (the ratios hold on a busy machine, the absolute figures do not);
#   3. a whole `pre-commit run` on that file once installed (pre-commit's own Python start included).
#   bash bench/precommit-bench.sh [RUNS]      (default 30; installs pre-commit and hyperfine with apt-get)
# Commits only: pre-commit installs from HEAD, so commit what you want measured. Raw JSON stays in
# artifacts/bench/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
work="$root/artifacts/bench/precommit"
rm -rf "$work"
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need pre-commit pre-commit

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
native=$(bash "$root/scripts/publish.sh" native "$work/native")
dotnet build "$root/src/MtaLint.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
jit="$root/src/MtaLint.Cli/bin/Release/net10.0/mtalint"

repo="$work/configs"
mkdir -p "$repo/postfix"
cp "$root/testdata/postfix/debian-default/main.cf" "$repo/postfix/main.cf"
cat > "$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $root
    rev: $(git -C "$root" rev-parse HEAD)
    hooks:
      - id: mtalint
EOF
git -C "$repo" init -q
git -C "$repo" add .
export PRE_COMMIT_HOME="$work/pre-commit-cache"

echo "first hook run (fresh pre-commit cache: clone, pack with the native compile, install, lint)..." >&2
start=$EPOCHREALTIME
(cd "$repo" && pre-commit run mtalint --color never >"$work/first-run.txt" 2>&1) || true
end=$EPOCHREALTIME
first=$(python3 -c "print($end - $start)")
installed=$(find "$PRE_COMMIT_HOME" -path '*/dotnetenv-default/bin/mtalint' | head -n 1)
[ -n "$installed" ] || { cat "$work/first-run.txt" >&2; echo "pre-commit did not install mtalint" >&2; exit 1; }

file="$repo/postfix/main.cf"
hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --export-json "$work/start.json" \
  -n pre-commit-installed "$installed $file" \
  -n native "$native $file" \
  -n jit "$jit $file" >&2
hyperfine --warmup 1 --runs "$(( runs < 10 ? runs : 10 ))" --ignore-failure --export-json "$work/hook.json" \
  -n "pre-commit run" "cd $repo && pre-commit run mtalint --color never" >&2

median() { python3 -c "import json,sys; r={x['command']:x for x in json.load(open(sys.argv[1]))['results']}; print('%.1f' % (r[sys.argv[2]]['median']*1000))" "$1" "$2"; }
echo
echo "| what | median, ms |"
echo "|---|---:|"
echo "| first hook run (install + lint), s | $(printf '%.0f' "$first") s |"
echo "| pre-commit-installed mtalint, one file | $(median "$work/start.json" pre-commit-installed) |"
echo "| native executable (publish.sh native), one file | $(median "$work/start.json" native) |"
echo "| JIT build (bin/Release), one file | $(median "$work/start.json" jit) |"
echo "| whole \`pre-commit run\` once installed | $(median "$work/hook.json" "pre-commit run") |"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
