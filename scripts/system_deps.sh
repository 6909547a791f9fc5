#!/usr/bin/env bash
# Debian packages the project runs as its own processes (no download of their own):
#   chromium      the web widget's browser tests
#   redis-server  the lock store (bot/serve/lock_store.py; make stack, tests)
#   haproxy       the load balancer of make stack (bot/serve/haproxy.py)
#   postgresql    the tracker store of make stack (bot/serve/postgres.py makes its own cluster)
#   fonts-lohit-deva  a Devanagari font, so the widget's Hindi screenshot test sees real letters
#   fonts-noto-color-emoji  an emoji font, so the screenshots show the 👍 / 👎 buttons, not boxes
# Installs what is missing when run as root; otherwise names it. Usage: system_deps.sh [PKG...]
set -uo pipefail
declare -A binary=([chromium]=/usr/bin/chromium [redis-server]=/usr/bin/redis-server
                   [haproxy]=/usr/sbin/haproxy [postgresql]=/usr/bin/psql)
wanted=("$@")
[ "${#wanted[@]}" -gt 0 ] || wanted=(chromium redis-server haproxy postgresql fonts-lohit-deva fonts-noto-color-emoji)
missing=()
for pkg in "${wanted[@]}"; do
  if [ "$pkg" = fonts-lohit-deva ]; then
    [ -n "$(fc-list :lang=hi 2>/dev/null)" ] || missing+=("$pkg")
  elif [ "$pkg" = fonts-noto-color-emoji ]; then
    fc-list 2>/dev/null | grep -qi "color emoji" || missing+=("$pkg")
  else
    [ -x "${binary[$pkg]}" ] || missing+=("$pkg")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    && exit 0
  echo "warning: could not install ${missing[*]}: what needs them is skipped" >&2
else
  echo "warning: ${missing[*]} missing and this is not root (sudo apt-get install -y ${missing[*]}): what needs them is skipped" >&2
fi
exit 1
