#!/usr/bin/env bash
# Measures which Postfix parameters are typed, and which programs refuse to start over a bad value,
# from the real daemons of the unpacked Debian package (scripts/oracles.sh), so nothing is typed by hand:
#   src/MtaLint/Model/Postfix/postfix-typed-params.txt
#
# Every Postfix program reads its parameter tables (mail_params_init for all of them, then its own) before
# it changes to $queue_directory, and exits at the first value of the wrong type:
#   fatal: bad boolean configuration: NAME = VALUE            (bool: yes or no)
#   fatal: bad numerical configuration: NAME = VALUE          (int, long)
#   fatal: parameter NAME: bad time value or unit: VALUE      (time)
#   fatal: invalid NAME parameter value N < MIN / > MAX       (int, long bounds)
#   fatal: invalid NAME: N (min MIN) / (max MAX)              (time bounds, in seconds)
#   fatal: bad string length L < MIN: NAME = VALUE            (strings that must not be empty)
# So a program is run with every parameter set to a probe value and queue_directory pointing nowhere;
# each run names one parameter, which goes back to its default for the next run, until the program
# reaches the chdir (all its tables read). Each fatal costs a second (msg_fatal sleeps), so the programs
# are measured side by side. Parameters every program reads are those of mail_params_init ("*").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
R=$(bash "$root/scripts/oracles.sh")
out="$root/src/MtaLint/Model/Postfix/postfix-typed-params.txt"
sbin="$R/usr/lib/postfix/sbin"
export LD_LIBRARY_PATH="$R/usr/lib/postfix"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/empty"; : > "$tmp/empty/main.cf"; : > "$tmp/empty/master.cf"
"$R/usr/sbin/postconf" -c "$tmp/empty" -d > "$tmp/defaults"
version=$("$R/usr/sbin/postconf" -c "$tmp/empty" -dh mail_version)
# Not probed: where the program finds its files (the probe's own queue_directory is the end marker) and
# the read-only names.
awk '{print $1}' "$tmp/defaults" | grep -vxE 'queue_directory|config_directory|process_id|process_name|service_name' > "$tmp/names"

# run PROGRAM DIR: the program's last fatal message (without "postfix/NAME: fatal: ").
run() {
  local program=$1 dir=$2 args
  case $program in
    postlogd) args=(-V -l -n probe -t unix-dgram) ;;
    *) args=(-V -S -l -z -n probe -t unix) ;;
  esac
  touch -d '1 hour ago' "$dir/main.cf" "$dir/master.cf"
  # No fatal line at all means the run was cut short (a loaded machine): it is run again, and reported if it stays so.
  local attempt message
  for attempt in 1 2 3; do
    message=$(MAIL_CONFIG="$dir" timeout 120 nice -n 10 "$sbin/$program" "${args[@]}" </dev/null 2>&1 >/dev/null | sed -n 's/^[^ ]*: fatal: //p' | tail -1 || true)
    [ -n "$message" ] && break
  done
  [ -n "$message" ] || echo "$program in $dir: no fatal error and no end of its tables" >> "$tmp/problems"
  echo "$message"
}

# write_cf PROGRAM DIR VALUE NAMESFILE: main.cf with every name of NAMESFILE set to VALUE, the program's
# settled values (see settle), and the queue_directory that marks the end of its tables.
write_cf() {
  { awk -v v="$3" '{print $1 " = " v}' "$4"; cat "$tmp/base.$1"; echo "queue_directory = /nonexistent-probe-queue"; } > "$2/main.cf"
}

# settle PROGRAM: a program whose own defaults fail (virtual: "bad string length 0 < 1: virtual_mailbox_base = ")
# gets "x" for them in every run, so that each probe meets only what it set; those are recorded as they are.
settle() {
  local program=$1 dir="$tmp/$1.settle" message name
  mkdir -p "$dir"; : > "$dir/master.cf"; : > "$dir/none"; : > "$tmp/base.$program"; : > "$tmp/settled.$program"
  for _ in 1 2 3 4 5; do
    write_cf "$program" "$dir" x "$dir/none"
    message=$(run "$program" "$dir")
    case $message in 'chdir("/nonexistent-probe-queue")'*|'') return ;; esac
    name=$(awk -v m=" $message " 'BEGIN { gsub(/[^a-z0-9_]/, " ", m); n = split(m, w, " ") }
      { all[$1] = 1 } END { for (i = 1; i <= n; i++) if (w[i] in all) { print w[i]; exit } }' "$tmp/names")
    [ -n "$name" ] || { echo "settle $program: $message" >&2; return; }
    echo "$name = x" >> "$tmp/base.$program"
    printf 'empty\t%s\t%s\t%s\n' "$program" "$name" "$message" >> "$tmp/settled.$program"
  done
}

# culprit PROGRAM VALUE DIR MESSAGE: the name of DIR/left whose VALUE gives MESSAGE though the message does
# not name it (compatibility_level: 'malformed compatibility level syntax: "x"'), found by halving.
culprit() {
  local program=$1 value=$2 dir=$3 message=$4 n half
  cp "$dir/left" "$dir/suspects"
  while [ "$(wc -l < "$dir/suspects")" -gt 1 ]; do
    n=$(wc -l < "$dir/suspects"); half=$(( (n + 1) / 2 ))
    head -n "$half" "$dir/suspects" > "$dir/half"
    write_cf "$program" "$dir" "$value" "$dir/half"
    if [ "$(run "$program" "$dir")" = "$message" ]; then mv "$dir/half" "$dir/suspects"; else tail -n +"$((half + 1))" "$dir/suspects" > "$dir/rest"; mv "$dir/rest" "$dir/suspects"; fi
  done
  cat "$dir/suspects"
}

# probe1 PROGRAM PASS VALUE NAMESFILE DIR: sets every name of NAMESFILE to VALUE, runs the program until it
# gets through its tables, and prints "PASS<tab>PROGRAM<tab>NAME<tab>MESSAGE" for each name a fatal named.
probe1() {
  local program=$1 pass=$2 value=$3 names=$4 dir=$5 message name
  mkdir -p "$dir"; : > "$dir/master.cf"
  grep -vxF -f <(sed 's/ = .*//' "$tmp/base.$program") "$names" > "$dir/left" || true
  while [ -s "$dir/left" ]; do
    write_cf "$program" "$dir" "$value" "$dir/left"
    message=$(run "$program" "$dir")
    case $message in
      'chdir("/nonexistent-probe-queue")'*|'') break ;;
    esac
    name=$(awk -v m=" $message " 'BEGIN { gsub(/[^a-z0-9_]/, " ", m); n = split(m, w, " ") }
      { left[$1] = 1 } END { for (i = 1; i <= n; i++) if (w[i] in left) { print w[i]; exit } }' "$dir/left")
    if [ -z "$name" ]; then
      name=$(culprit "$program" "$value" "$dir" "$message")
      if [ -z "$name" ]; then
        echo "$pass $program ? $message" >&2
        break
      fi
    fi
    printf '%s\t%s\t%s\t%s\n' "$pass" "$program" "$name" "$message"
    grep -vxF "$name" "$dir/left" > "$dir/left.new" || true
    mv "$dir/left.new" "$dir/left"
  done
}

# probe PROGRAM PASS VALUE NAMESFILE [SLICES]: probe1 on slices of the names side by side (each fatal sleeps a
# second; the programs run niced, as the machine may be shared).
probe() {
  local program=$1 pass=$2 value=$3 names=$4 slices=${5:-4} i
  [ -s "$names" ] || return 0
  mkdir -p "$tmp/$program.$pass"
  split -n "l/$slices" -d "$names" "$tmp/$program.$pass/slice."
  for i in "$tmp/$program.$pass"/slice.*; do probe1 "$program" "$pass" "$value" "$i" "$i.d" > "$i.out" & done
  wait
  cat "$tmp/$program.$pass"/slice.*.out
}

programs=$(cd "$sbin" && for p in *; do [ "$p" != fsstone ] && [ "$p" != master ] && head -c 4 "$p" | grep -q ELF && echo "$p"; done)
: > "$tmp/problems"

# throttle: waits while 8 programs are being measured (each with its slices), to keep the load bearable.
throttle() { while [ "$(jobs -rp | wc -l)" -ge 8 ]; do sleep 1; done; }
for p in $programs; do throttle; settle "$p" & done; wait

# 1. Types: "x" is no boolean, number or time; then "" for the strings that must not be empty.
#    error and discard first: what both read is mail_params_init's, which the others need not re-measure.
for p in error discard; do probe "$p" type x "$tmp/names" 8 > "$tmp/type.$p" & done; wait
cut -f3 "$tmp/type.error" | sort -u > "$tmp/g1"
cut -f3 "$tmp/type.discard" | sort -u > "$tmp/g2"
comm -12 "$tmp/g1" "$tmp/g2" > "$tmp/global"
grep -vxF -f "$tmp/global" "$tmp/names" > "$tmp/own"
for p in $programs; do
  case $p in error|discard) ;; *) throttle; probe "$p" type x "$tmp/own" 2 > "$tmp/type.$p" & ;; esac
done
wait
cat "$tmp"/type.* > "$tmp/types"
# Strings: every name no table typed, set empty.
awk -F'\t' '$4 ~ /^bad (boolean|numerical) configuration|^parameter .*bad time value/ {print $3}' "$tmp/types" | sort -u > "$tmp/typed"
grep -vxF -f "$tmp/typed" "$tmp/names" > "$tmp/untyped"
for p in error discard; do probe "$p" empty '' "$tmp/untyped" 8 > "$tmp/empty.$p" & done; wait
awk -F'\t' '$4 ~ /^bad string length/ {print $3}' "$tmp/empty.error" | sort -u > "$tmp/e1"
awk -F'\t' '$4 ~ /^bad string length/ {print $3}' "$tmp/empty.discard" | sort -u > "$tmp/e2"
comm -12 "$tmp/e1" "$tmp/e2" > "$tmp/eglobal"
grep -vxF -f "$tmp/eglobal" "$tmp/untyped" > "$tmp/euntyped"
for p in $programs; do
  case $p in error|discard) ;; *) throttle; probe "$p" empty '' "$tmp/euntyped" 2 > "$tmp/empty.$p" & ;; esac
done
wait
cat "$tmp"/empty.* "$tmp"/settled.* > "$tmp/empties"

# 2. Bounds of the numbers and times each program reads: the lowest int, 0 seconds, the largest int
#    (and one past it: an int overflows where a long does not), a 4096-character string.
kind_of() { # program name -> bool|num|time from the type pass
  awk -F'\t' -v p="$1" '$2 == p && $4 ~ /^bad boolean/ {print $3, "bool"} $2 == p && $4 ~ /^bad numerical/ {print $3, "num"}
    $2 == p && $4 ~ /^parameter .*bad time/ {print $3, "time"}' "$tmp/types" "$tmp/empties" | sort -u
}
for p in $programs; do
  throttle
  (
    kind_of "$p" > "$tmp/kinds.$p"
    awk '$2 == "num" {print $1}' "$tmp/kinds.$p" > "$tmp/nums.$p"
    awk '$2 == "time" {print $1}' "$tmp/kinds.$p" > "$tmp/times.$p"
    probe "$p" nmin -2147483648 "$tmp/nums.$p" 2
    probe "$p" nmax 2147483647 "$tmp/nums.$p" 2
    probe "$p" nwide 2147483648 "$tmp/nums.$p" 2
    probe "$p" lmin -9223372036854775807 "$tmp/nums.$p" 2
    probe "$p" lmax 9223372036854775807 "$tmp/nums.$p" 2
    probe "$p" tmin 0s "$tmp/times.$p" 2
    probe "$p" tmax 2147483647s "$tmp/times.$p" 2
  ) > "$tmp/bounds.$p" &
done
wait
cat "$tmp"/bounds.* > "$tmp/bounds"

# 3. The table: KIND NAME MIN MAX UNIT PROGRAMS, one line per kind and bounds, the programs joined.
unit_of() { "$R/usr/sbin/postconf" -c "$tmp/empty" -dxh "$1" | sed -n 's/^[0-9]*\([a-z]\).*/\1/p'; }
bound() { # PASSES PROGRAM NAME -> the bound a fatal of those passes gave, else 0
  awk -F'\t' -v passes=" $1 " -v p="$2" -v n="$3" 'index(passes, " " $1 " ") && $2 == p && $3 == n {
    if (match($4, /[<>] -?[0-9]+$/)) { print substr($4, RSTART + 2); exit }
    if (match($4, /\((min|max) [0-9]+\)/)) { print substr($4, RSTART + 5, RLENGTH - 6); exit } }' "$tmp/bounds" | grep . || echo 0
}
for p in $programs; do
  while read -r name kind; do
    case $kind in
      num) if awk -F'\t' -v p="$p" -v n="$name" '$1 == "nwide" && $2 == p && $3 == n && $4 ~ /^bad numerical/ {f=1} END {exit !f}' "$tmp/bounds"
           then kind=int; min=$(bound nmin "$p" "$name"); max=$(bound nmax "$p" "$name")
           else kind=long; min=$(bound "nmin lmin" "$p" "$name"); max=$(bound "nmax nwide lmax" "$p" "$name"); fi ;;
      time) min=$(bound tmin "$p" "$name"); max=$(bound tmax "$p" "$name") ;;
      *) min=0; max=0 ;;
    esac
    unit=-; [ "$kind" = time ] && unit=$(unit_of "$name")
    where=$p; grep -qxF "$name" "$tmp/global" && where='*'
    echo "$kind $name $min $max $unit $where"
  done < "$tmp/kinds.$p"
  # A raw parameter (not $-expanded, mail_conf_raw) says its lengths in parentheses: "bad string length (0 < 1)".
  awk -F'\t' -v p="$p" '$2 == p && $4 ~ /^bad string length/ { m = $4; kind = m ~ /^bad string length \(/ ? "raw" : "str"
    sub(/^bad string length \(?[0-9]+ < /, "", m); sub(/\)?:.*/, "", m); print kind, $3, m, 0, "-", p }' "$tmp/empties" |
    while read -r kind name min max unit where; do grep -qxF "$name" "$tmp/eglobal" && where='*'; echo "$kind $name $min $max $unit $where"; done
done | sort -u > "$tmp/lines"
{
  echo "# Generated by scripts/gen-postfix-typed.sh from the daemons of Postfix $version; do not edit."
  echo "# KIND NAME MIN MAX UNIT PROGRAMS: a value of the wrong kind (bool: yes/no; int, long: a whole number;"
  echo "# time: a number and one of s m h d w, UNIT when there is none; str, raw (not \$-expanded): at least MIN characters) makes each of"
  echo "# PROGRAMS exit at start-up; * is every program (mail_params_init). MIN/MAX 0: no bound; time bounds in seconds."
  awk '{ key = $1 " " $2 " " $3 " " $4 " " $5; if ($6 == "*") star[key] = 1; else progs[key] = progs[key] (progs[key] ? "," : "") $6 }
    END { for (k in star) print k, "*"; for (k in progs) if (!(k in star)) print k, progs[k] }' "$tmp/lines" | sort -k2,2 -k1,1
} > "$out"
echo "other fatal start-up checks the probes met (not typed):"
awk -F'\t' '$4 !~ /^bad (boolean|numerical) configuration|^parameter .*bad time value|^bad string length|^invalid / {print "  " $2 ": " $3 ": " $4}' "$tmp/types" "$tmp/empties" | sort -u
echo "wrote $out ($(grep -vc '^#' "$out") typed parameters)"
if [ -s "$tmp/problems" ]; then
  echo "the measurement is incomplete:" >&2
  sort -u "$tmp/problems" >&2
  exit 1
fi
