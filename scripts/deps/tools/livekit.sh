#!/usr/bin/env bash
# The LiveKit media server, built with Go into .tools/bin (see scripts/install-livekit.sh).
exec bash "$(dirname "$0")/../../install-livekit.sh" "$@"
