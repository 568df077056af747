#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, once: Debian's Chromium for the
# end-to-end tests (Playwright cannot download its own browser here). Idempotent:
# does nothing when everything is already present.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
# node-gyp builds better-sqlite3 from source when no prebuilt binary can be fetched.
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)

if [ ${#need[@]} -eq 0 ]; then
  echo "system dependencies: present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Need root (or sudo) to install: ${need[*]}" >&2
    exit 1
  fi
fi
echo "system dependencies: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
