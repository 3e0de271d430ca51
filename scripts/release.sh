#!/usr/bin/env bash
# Builds every artifact of a release from a clean clone of this repository at REV (a tag vVERSION
# when releasing; default HEAD), so nothing of the working tree (uncommitted files, obj/, a stale
# build) gets in:
#   artifacts/release/VERSION/
#     mtalint.VERSION.nupkg                  the .NET tool package (points to the native packages)
#     mtalint.linux-x64.VERSION.nupkg        its NativeAOT package for Linux x64
#     mtalint-VERSION-linux-x64.tar.gz       the native executable with README.md, LICENSE, CHANGELOG.md
#     mtalint_VERSION_amd64.deb              scripts/package-deb.sh
#     SHA256SUMS
#   bash scripts/release.sh [REV] [OUTDIR]
# Checks first that REV's version (src/MtaLint.Cli/MtaLint.Cli.csproj), the first CHANGELOG.md entry,
# the README's pre-commit rev and the tag (when REV is one) agree. Linux x64 only: a NativeAOT package is
# compiled on the platform it is for (osx/win packages would be packed there with the same command).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
rid=linux-x64
say() { echo "release.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

commit=$(git -C "$root" rev-parse --verify "$rev^{commit}") || fail "no commit $rev"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/mtalint"
git clone -q --no-local "$root" "$src"
git -C "$src" checkout -q --detach "$commit"

version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$src/src/MtaLint.Cli/MtaLint.Cli.csproj")
[ -n "$version" ] || fail "no <Version> in src/MtaLint.Cli/MtaLint.Cli.csproj"
changelog=$(sed -n 's/^## \([0-9][^ ]*\).*/\1/p' "$src/CHANGELOG.md" | head -n 1)
[ "$changelog" = "$version" ] || fail "CHANGELOG.md's first entry is $changelog, the project says $version"
grep -q "rev: v$version\$" "$src/README.md" || fail "README.md does not pin rev: v$version"
case "$rev" in
  v*) [ "$rev" = "v$version" ] || fail "tag $rev is not v$version" ;;
esac

out=${2:-$root/artifacts/release/$version}
rm -rf "$out"
mkdir -p "$out"
say "version $version, commit $commit, into $out"

build=(-c Release -nologo -v q -clp:ErrorsOnly -p:ContinuousIntegrationBuild=true)
say "packing the tool package"
dotnet pack "$src/src/MtaLint.Cli" "${build[@]}" -p:PackNativeTool=false -o "$out" >&2
say "packing the native package for $rid (NativeAOT: a few minutes)"
dotnet pack "$src/src/MtaLint.Cli" "${build[@]}" -r "$rid" -o "$out" >&2

# The executable of the native package is the one the .deb and the archive carry: one compile, one binary.
mkdir -p "$work/bin"
unzip -q -j "$out/mtalint.$rid.$version.nupkg" "tools/any/$rid/mtalint" -d "$work/bin"
chmod 755 "$work/bin/mtalint"
"$work/bin/mtalint" --version | grep -qx "mtalint $version (commit $commit)" \
  || fail "the executable says '$("$work/bin/mtalint" --version)', not mtalint $version (commit $commit)"

say "packing the archive"
stage="$work/mtalint-$version-$rid"
mkdir -p "$stage"
cp "$work/bin/mtalint" "$src/README.md" "$src/LICENSE" "$src/CHANGELOG.md" "$stage/"
epoch=$(git -C "$src" log -1 --format=%ct)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$work" -czf "$out/mtalint-$version-$rid.tar.gz" "mtalint-$version-$rid"

say "packing the Debian package"
SOURCE_DATE_EPOCH=$epoch MTALINT_BINARY="$work/bin/mtalint" bash "$src/scripts/package-deb.sh" "$out" >/dev/null

(cd "$out" && sha256sum -- *.nupkg *.tar.gz *.deb > SHA256SUMS)
ls -l "$out" >&2
echo "$out"
