#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: unpacks the real MTAs the oracle tests
# compare against, builds, runs every test, and ends with the line "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/oracles.sh >/dev/null || { echo "could not unpack the oracle MTAs (scripts/oracles.sh)"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/test-tools.sh || { echo "could not install the tools the write-attack tests use (scripts/test-tools.sh)"; echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
dotnet build MtaLint.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# The shipped executable is NativeAOT: NativeBinaryTests compare it with the library run in-process.
bash scripts/publish.sh native >/dev/null || { echo "could not publish the native mtalint (scripts/publish.sh)"; echo "0 passed, 1 failed"; exit 1; }
dotnet test MtaLint.sln -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
skipped=$(( total - executed ))
failed=$(( failed + $(get error) + $(get timeout) + $(get aborted) ))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
