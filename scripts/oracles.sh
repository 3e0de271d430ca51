#!/usr/bin/env bash
# Unpacks Debian's real Postfix, Exim, Sendmail and m4 into .oracles/ (git-ignored)
# without installing any of them as the system MTA: the packages conflict with one
# another as packages, not as files, so dpkg -x side by side works.
# Idempotent: a second run with everything present does nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.oracles"
stamp="$dest/.complete"
pkgs=(postfix exim4-daemon-light exim4-base exim4-config sendmail-bin sendmail-cf m4 libidn12 libwrap0)

if [ ! -f "$stamp" ]; then
  mkdir -p "$dest/debs"
  cd "$dest/debs"
  if ! apt-get download "${pkgs[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get download "${pkgs[@]}" >/dev/null
  fi
  for deb in *.deb; do dpkg -x "$deb" "$dest/root"; done
  touch "$stamp"
fi

# Exim refuses to run without its system user, and -bs/-bd need its log and spool folders.
if ! getent passwd Debian-exim >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    groupadd --system Debian-exim 2>/dev/null || true
    useradd --system -g Debian-exim -d /var/spool/exim4 -s /usr/sbin/nologin Debian-exim 2>/dev/null || true
  fi
fi
if [ "$(id -u)" = 0 ]; then
  mkdir -p /var/log/exim4 /var/spool/exim4
  chown Debian-exim:Debian-exim /var/log/exim4 /var/spool/exim4 2>/dev/null || true
fi
# Postfix's daemons (smtpd started stand-alone to see its fatal start-up checks) look up their
# mail_owner and setgid_group before anything else, as Debian's postinst creates them.
if [ "$(id -u)" = 0 ]; then
  getent group postfix >/dev/null || groupadd --system postfix 2>/dev/null || true
  getent group postdrop >/dev/null || groupadd --system postdrop 2>/dev/null || true
  getent passwd postfix >/dev/null || useradd --system -g postfix -d /var/spool/postfix -s /usr/sbin/nologin postfix 2>/dev/null || true
fi
echo "$dest/root"
