#!/usr/bin/env bash
# Publishes the mtalint executable.
#   bash scripts/publish.sh [native|r2r] [OUTDIR]
#     native (default): a NativeAOT executable, OUTDIR/mtalint (default artifacts/native): no .NET
#                       runtime needed, starts in ~15 ms; what the benchmarks and the native tests run.
#     r2r:              framework-dependent ReadyToRun (default artifacts/r2r), for comparison.
# Linux x64 (the RID of this machine); NativeAOT links with the system's C toolchain (gcc/clang).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-native}
case "$kind" in
  native) out=${2:-$root/artifacts/native}; props=(-p:PublishAot=true) ;;
  r2r) out=${2:-$root/artifacts/r2r}; props=(--self-contained false -p:PublishAot=false -p:PublishReadyToRun=true) ;;
  *) echo "usage: publish.sh [native|r2r] [OUTDIR]" >&2; exit 2 ;;
esac
rid=linux-x64
# A stale ReadyToRun image in obj/ can outlive a source change (seen: the R2R code of an older
# MtaLint.Core.dll crashed the process); compile it afresh.
rm -rf "$root/src/MtaLint.Cli/obj/Release/net10.0/$rid/R2R"
rm -rf "$out"
dotnet publish "$root/src/MtaLint.Cli" -c Release -r "$rid" "${props[@]}" -o "$out" -nologo -v q -clp:ErrorsOnly >&2
echo "$out/mtalint"
