#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/deps/apt/*.txt that are not installed
# yet. Idempotent and quick when everything is present (one dpkg-query per package).
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(cat scripts/deps/apt/*.txt | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
need=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done

if [ ${#need[@]} -eq 0 ]; then
  echo "system dependencies: present (${#wanted[@]} packages)"
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
