#!/usr/bin/env bash
# Regenerates Exim's driver option table from the real Exim that scripts/oracles.sh unpacks, and finds
# every option, main or driver, that Exim lets a config set more than once. Exim stops on an option set
# a second time ("option set for the second time", readconf.c), except for the few flagged opt_rep_con
# or opt_rep_str in its option tables: those add each setting to the earlier ones (exim -bP shows all
# of them joined). Each option is set twice and Exim is asked, so the list follows the Exim version.
# Called by scripts/gen-exim-options.sh; commit what it writes:
#   src/MtaLint/Model/Exim/exim-driver-options.txt  for each router, transport and authenticator driver
#       of the build, `exim -bP KIND NAME` of one such driver (every option with its default, as Exim
#       prints it), then the options that add up, each with what -bP shows after `NAME = FIRST` and
#       `NAME = SECOND` (`router accept headers_remove += FIRST:SECOND`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oracle=$(bash "$root/scripts/oracles.sh")
exim="$oracle/usr/sbin/exim4"
export LD_LIBRARY_PATH="$oracle/usr/lib/x86_64-linux-gnu"
out="$root/src/MtaLint/Model/Exim"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/empty"
version=$("$exim" -C "$work/empty" -bV 2>/dev/null | sed -n 's/^Exim version \([^ ]*\).*/\1/p')

# The drivers this build has: `exim -bV` lists them (a transport as appendfile/maildir/mailstore).
drivers() { "$exim" -C "$work/empty" -bV 2>/dev/null | sed -n "s/^$1: //p" | tr ' ' '\n' | sed 's,/.*,,' | grep -v '^$'; }

# The smallest config in which a driver of KIND named d can be read: what the driver requires, and a
# transport for a router that needs one. $3..: option lines put right after `driver =`.
config() {
  local kind=$1 driver=$2
  shift 2
  case $kind in
    router) echo "begin routers" ;;
    transport) echo "begin transports" ;;
    authenticator) echo "begin authenticators" ;;
  esac
  echo "d:"
  echo "  driver = $driver"
  for line in "$@"; do echo "  $line"; done
  local required=()
  case $kind/$driver in
    router/manualroute) required=("route_list = * localhost") ;;
    router/queryprogram) required=("command = /bin/true" "command_user = root") ;;
    router/redirect) required=("data = x") ;;
    router/*) required=("transport = t") ;;
    transport/appendfile) required=("file = /tmp/x") ;;
    transport/pipe | transport/lmtp) required=("command = /bin/true") ;;
    authenticator/*) required=("public_name = X") ;;
  esac
  for line in "${required[@]}"; do
    # An option the probe sets is not set a third time.
    [[ " $* " == *" ${line%% =*} "* || " $* " == *" ${line%% =*} ="* ]] || echo "  $line"
  done
  if [ "$kind" = router ]; then printf 'begin transports\nt:\n  driver = pipe\n  command = /bin/true\n'; fi
}

# Sets NAME twice in KIND DRIVER; prints `+= SHOWN` when Exim adds the second to the first, `once` when it
# stops. A value Exim cannot read for that option (a user that does not exist) is replaced by the
# default -bP printed, then by root.
probe() {
  local kind=$1 driver=$2 printed=$3 name=$4
  local pairs
  if [[ "$printed" == *" ="* ]]; then
    pairs=("$name = FIRST|$name = SECOND" "$printed|$printed" "$name = root|$name = root")
  else
    pairs=("$name|$name")
  fi
  for pair in "${pairs[@]}"; do
    if [ "$name" = driver ]; then
      config "$kind" "$driver" "driver = $driver" > "$work/p.conf"
    else
      config "$kind" "$driver" "${pair%%|*}" "${pair#*|}" > "$work/p.conf"
    fi
    if shown=$("$exim" -C "$work/p.conf" -bP "$kind" d 2>"$work/err"); then
      # The table needs the join: what -bP shows for FIRST then SECOND.
      sample=$(grep "^$name = " <<<"$shown" | sed "s/^$name = //")
      [[ "$sample" == *FIRST*SECOND* ]] || { echo "$kind $driver $name adds up, but not FIRST and SECOND: $sample" >&2; exit 1; }
      echo "+= $sample"
      return
    fi
    if grep -q "option set for the second time" "$work/err"; then
      echo once
      return
    fi
  done
  echo "cannot set $kind $driver $name twice to see what Exim does: $(tr '\n' ' ' < "$work/err")" >&2
  exit 1
}

# Main options: every one `exim -bP` prints, set twice: with the value it printed, or another value of
# its type when Exim cannot read that one back (an unset number prints as nothing).
main_probed=0
while IFS= read -r line; do
  case "$line" in
    *" ="*) name=${line%% =*}; values=("$line" "$name = 1" "$name = FIRST" "$name = root") ;;
    no_*) name=${line#no_}; values=("$name") ;;
    *) name=$line; values=("$name") ;;
  esac
  verdict=
  for value in "${values[@]}"; do
    printf '%s\n%s\n' "$value" "$value" > "$work/m.conf"
    if "$exim" -C "$work/m.conf" -bV > /dev/null 2> "$work/err"; then
      echo "main option $name can be set twice: add main options that add up to the table" >&2
      exit 1
    fi
    if grep -q "option set for the second time" "$work/err"; then
      verdict=once
      break
    fi
  done
  [ -n "$verdict" ] || { echo "cannot set main option $name twice: $(tr '\n' ' ' < "$work/err")" >&2; exit 1; }
  main_probed=$((main_probed + 1))
done < <("$exim" -C "$work/empty" -bP 2>/dev/null)

{
  echo "# Exim $version driver options and defaults: generated by scripts/gen-exim-driver-options.sh from \`exim -bP KIND NAME\` of one driver of each kind this build has"
  declare -A probed=()
  for kind in router transport authenticator; do
    case $kind in router) list=Routers ;; transport) list=Transports ;; authenticator) list=Authenticators ;; esac
    for driver in $(drivers $list); do
      config "$kind" "$driver" > "$work/base.conf"
      # A name with a leading * is Exim's own record of an option (*expand_NAME), not one a config can set.
      "$exim" -C "$work/base.conf" -bP "$kind" d 2>/dev/null | grep -v '^\*' > "$work/defaults-$kind-$driver"
      # What the smallest config had to set is no default: shown unset.
      sed -E "s/^(transport|route_list|command|command_user|command_group|data|file|public_name) = .*/\1 = /; s/^/$kind $driver /" "$work/defaults-$kind-$driver"
    done
  done
  echo "# Options Exim lets a driver set again, adding the new value to the earlier ones (all others, and every main option, stop"
  echo "# Exim when set twice: each was tried). After += : what exim -bP shows once the option is set to FIRST, then to SECOND."
  for kind in router transport authenticator; do
    case $kind in router) list=Routers ;; transport) list=Transports ;; authenticator) list=Authenticators ;; esac
    for driver in $(drivers $list); do
      while IFS= read -r line; do
        case "$line" in
          *" ="*) name=${line%% =*} ;;
          no_*) name=${line#no_} ;;
          *) name=$line ;;
        esac
        result=$(probe "$kind" "$driver" "$line" "$name")
        probed["$kind $name"]=1
        [ "$result" = once ] || echo "$kind $driver $name $result"
      done < "$work/defaults-$kind-$driver"
    done
  done
  count() { printf '%s\n' "${!probed[@]}" | grep -c "^$1 "; }
  echo "# Tried: $main_probed main options; $(count router) router, $(count transport) transport and $(count authenticator) authenticator options, in every driver that has them"
} > "$out/exim-driver-options.txt"
grep -c "^[a-z].* += " "$out/exim-driver-options.txt" | sed "s/$/ driver options add up when set again/"
