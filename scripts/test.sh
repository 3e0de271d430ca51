#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: checks (as root: installs) what the tests need, unpacks
# the real MTAs the oracle tests compare against, builds, publishes the native executable, runs every
# test, and ends with the line "N passed, N failed, N skipped" (exit 1 on any failure or skip).
#   bash scripts/test.sh [dotnet test options...]
# Each stage is announced with its duration; the tests themselves take ~5 minutes on 2 cores.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

started=$SECONDS
stage() { echo "==> $* ($(( SECONDS - started )) s)"; }
give_up() {
  echo "test.sh: $*"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

# --- prerequisites ----------------------------------------------------------------------------------
# Debian packages the tests run (apt-get installs them when this script runs as root):
#   dpkg-dev, apt         unpacking the oracle MTAs (scripts/oracles.sh: apt-get download, dpkg -x)
#   gcc or clang, zlib1g-dev   linking the NativeAOT executable
#   git, python3          the pre-commit and hook-pattern tests; pre-commit the hooks' real install
#   lintian, binutils     the Debian package test (package-deb.sh strips and packs, lintian judges)
#   python3-jinja2, python3-yaml, ruby, ruby-erubis, puppet
#                         the template tests' oracles (tests/MtaLint.Tests/Templates/Oracles): Jinja2 as Ansible
#                         and Salt run it, PyYAML as Ansible loads role defaults, Ruby's ERB (Puppet), Erubis
#                         (Chef), Puppet's EPP
stage "checking prerequisites"
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need git git
need python3 python3
need pre-commit pre-commit
need lintian lintian
need dpkg-shlibdeps dpkg-dev
need strip binutils
/usr/bin/python3 -c 'import jinja2' >/dev/null 2>&1 || missing+=(python3-jinja2)
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
need ruby ruby
ruby -rerubis -e '' >/dev/null 2>&1 || missing+=(ruby-erubis)
ruby -rpuppet -e '' >/dev/null 2>&1 || missing+=(puppet)
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(gcc)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)

command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 \
  || give_up "apt-get and dpkg are missing: the oracle tests unpack Debian's postfix, exim4 and sendmail packages, so the suite runs on Debian or Ubuntu"
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  give_up "the .NET 10 SDK is missing (dotnet --list-sdks shows none): install it from Microsoft's packages (apt-get install dotnet-sdk-10.0 after adding packages.microsoft.com) or with dotnet-install.sh --channel 10.0"
fi
if [ "$(id -u)" != 0 ] && ! getent passwd Debian-exim >/dev/null; then
  give_up "run as root, or create Exim's system user and folders once: sudo groupadd --system Debian-exim && sudo useradd --system -g Debian-exim -d /var/spool/exim4 -s /usr/sbin/nologin Debian-exim && sudo install -d -o Debian-exim -g Debian-exim /var/log/exim4 /var/spool/exim4 (the Exim oracle refuses to run without them)"
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    give_up "missing: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}"
  fi
  echo "    installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"; } >/dev/null \
    || give_up "apt-get install ${missing[*]} failed"
fi

# --- stages -----------------------------------------------------------------------------------------
stage "unpacking the oracle MTAs (Debian's postfix, exim4, sendmail, m4) into .oracles/"
bash scripts/oracles.sh >/dev/null || give_up "could not unpack the oracle MTAs (scripts/oracles.sh)"
stage "installing the tools the write-attack tests use (inotify-tools, acl, attr)"
bash scripts/test-tools.sh || give_up "could not install the tools the write-attack tests use (scripts/test-tools.sh)"

results="$root/TestResults"
rm -rf "$results"
stage "building (Release)"
dotnet build MtaLint.sln -c Release -nologo -v q -clp:ErrorsOnly || give_up "the build failed"

# The shipped executable is NativeAOT: NativeBinaryTests compare it with the library run in-process,
# and the Debian package test packs it.
stage "publishing the native executable (NativeAOT) into artifacts/native/"
bash scripts/publish.sh native >/dev/null || give_up "could not publish the native mtalint (scripts/publish.sh)"

stage "running the tests (the pre-commit install compiles mtalint natively once more)"
dotnet test MtaLint.sln -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
stage "done"

trx=$(find "$results" -name '*.trx' | head -n 1)
[ -n "$trx" ] || give_up "the test run wrote no results"
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
skipped=$(( total - executed ))
failed=$(( failed + $(get error) + $(get timeout) + $(get aborted) ))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
