#!/usr/bin/env bash
# Everything the tests need beyond npm packages, installed idempotently (quick when all
# is present): the Debian packages of scripts/deps/apt/*.txt, then every tool built from
# source by scripts/deps/tools/*.sh (LiveKit, …), each run with --strict so that a tool
# that cannot be installed fails here, loudly, instead of a test skipping later.
# `npm test` runs it first (the `pretest` script); `.ci/run` does too, through npm test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
for tool in scripts/deps/tools/*.sh; do
  bash "$tool" --strict
done
