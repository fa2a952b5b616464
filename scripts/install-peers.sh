#!/usr/bin/env bash
# Installs the real peers the test suite talks to, from Debian's packages:
# SIPp (sip-tester), baresip, PostgreSQL, Chromium (portal tests), espeak-ng and sox
# (prompt generation and audio checks). Does nothing when they are already there.
set -euo pipefail

packages=(sip-tester baresip postgresql chromium espeak-ng sox)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
echo "Installing test peers: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
