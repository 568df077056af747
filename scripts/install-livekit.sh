#!/usr/bin/env bash
# Installs the LiveKit media server (the SFU that carries audio and video) into the
# project's own tools folder, .tools/bin/livekit-server, built from source with Go and
# its module proxy. Idempotent: nothing happens when the right version is already there.
# Never fatal for `npm start`: without Go, or when the build fails, it says why and
# exits 0; the server then starts without audio and video and reports it in
# /api/v1/health. CI runs it with --strict, which fails on any problem instead.
set -uo pipefail
cd "$(dirname "$0")/.."

VERSION="1.13.5"
BIN_DIR="$PWD/.tools/bin"
TARGET="$BIN_DIR/livekit-server"
STATUS_FILE="$PWD/.tools/livekit-install.log"
strict=false
[ "${1:-}" = "--strict" ] && strict=true

give_up() {
  echo "livekit: $1" >&2
  mkdir -p "$(dirname "$STATUS_FILE")"
  printf '%s\n' "$1" >"$STATUS_FILE"
  if $strict; then exit 1; fi
  exit 0
}

# `npm start` against an external LiveKit, or without media, needs no local server.
if ! $strict && { [ -n "${LIVEKIT_URL:-}" ] || [ "${LIVEKIT_LOCAL:-}" = "false" ] || [ "${LIVEKIT_LOCAL:-}" = "0" ]; }; then
  echo "livekit: not needed (LIVEKIT_URL or LIVEKIT_LOCAL=false is set)"
  exit 0
fi

if [ -x "$TARGET" ] && "$TARGET" --version 2>/dev/null | grep -q "version $VERSION\$"; then
  echo "livekit: livekit-server $VERSION present"
  rm -f "$STATUS_FILE"
  exit 0
fi

# Debian's and the official tarball's usual places, when not on PATH.
GO="$(command -v go || true)"
for candidate in /usr/local/go/bin/go /usr/lib/go/bin/go; do
  [ -z "$GO" ] && [ -x "$candidate" ] && GO="$candidate"
done
[ -n "$GO" ] || give_up "Go is not installed, so the LiveKit server cannot be built (install Go 1.23+ or set LIVEKIT_URL to an external LiveKit deployment)"

echo "livekit: building livekit-server $VERSION with $("$GO" version) (several minutes the first time)"
build_dir="$(mktemp -d)"
trap 'rm -rf "$build_dir"' EXIT
# `go install` names the binary after its package folder (cmd/server): build into a
# temporary GOBIN, then move it to its own name in one step.
if ! output="$(GOBIN="$build_dir" GOFLAGS=-buildvcs=false "$GO" install "github.com/livekit/livekit-server/cmd/server@v$VERSION" 2>&1)"; then
  give_up "go install github.com/livekit/livekit-server/cmd/server@v$VERSION failed: $(printf '%s' "$output" | tail -n 20)"
fi
mkdir -p "$BIN_DIR"
mv "$build_dir/server" "$TARGET.partial" && mv "$TARGET.partial" "$TARGET"
rm -f "$STATUS_FILE"
echo "livekit: installed $("$TARGET" --version)"
