#!/usr/bin/env bash
# Installs the system tools the write-attack tests use (tests/MtaLint.Tests/Robustness/
# WriteAttackTests.cs, FixKeepsFileTests.cs): inotifywait for the attacker that races root's
# --fix, setfacl/getfacl and setfattr/getfattr to set and check ACLs and extended attributes.
# setpriv and unshare come with util-linux. Idempotent: with everything present it does nothing.
set -euo pipefail
need=()
command -v inotifywait >/dev/null || need+=(inotify-tools)
{ command -v setfacl && command -v getfacl; } >/dev/null || need+=(acl)
{ command -v setfattr && command -v getfattr; } >/dev/null || need+=(attr)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "${need[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
