#!/usr/bin/env bash
# Writes N config files into DIR by replicating testdata/corpus, each copy in its own folder
# under the name its MTA reads (main.cf, master.cf, exim4.conf, sendmail.mc), so that
# mtalint's folder walk recognises every one of them.
#   bash bench/make-corpus.sh N DIR
set -euo pipefail
n=$1
dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/testdata/corpus"
if [ -f "$dir/.count" ] && [ "$(cat "$dir/.count")" = "$n" ]; then
  echo "$dir"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
mapfile -t sources < <(cd "$corpus" && find postfix exim sendmail -type f | sort)
target_name() {
  case "$1" in
    postfix/*master.cf*) echo master.cf ;;
    postfix/*) echo main.cf ;;
    exim/*) echo exim4.conf ;;
    sendmail/*) echo sendmail.mc ;;
  esac
}
i=0
while [ "$i" -lt "$n" ]; do
  src=${sources[$(( i % ${#sources[@]} ))]}
  sub="$dir/$(( i / 100 ))/$i"
  mkdir -p "$sub"
  cp "$corpus/$src" "$sub/$(target_name "$src")"
  i=$(( i + 1 ))
done
echo "$n" > "$dir/.count"
echo "$dir"
