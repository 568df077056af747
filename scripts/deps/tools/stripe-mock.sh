#!/usr/bin/env bash
# stripe-mock (Stripe's own stateless API mock), built with Go into .tools/bin. Only the
# Stripe gateway's contract tests use it: they start it on 127.0.0.1 with a free port.
# Idempotent: nothing happens when the right version is already there. With --strict
# (what `npm test` passes) a failed build is an error, so the contract tests never
# meet a missing binary quietly.
set -uo pipefail
cd "$(dirname "$0")/../../.."

VERSION="0.203.0"
BIN_DIR="$PWD/.tools/bin"
TARGET="$BIN_DIR/stripe-mock"
STAMP="$BIN_DIR/.stripe-mock-version"
strict=false
[ "${1:-}" = "--strict" ] && strict=true

give_up() {
  echo "stripe-mock: $1" >&2
  if $strict; then exit 1; fi
  exit 0
}

if [ -x "$TARGET" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "stripe-mock: $VERSION present"
  exit 0
fi

GO="$(command -v go || true)"
for candidate in /usr/local/go/bin/go /usr/lib/go/bin/go; do
  [ -z "$GO" ] && [ -x "$candidate" ] && GO="$candidate"
done
[ -n "$GO" ] || give_up "Go is not installed, so stripe-mock cannot be built (install Go 1.22+)"

echo "stripe-mock: building $VERSION with $("$GO" version)"
build_dir="$(mktemp -d)"
trap 'rm -rf "$build_dir"' EXIT
if ! output="$(GOBIN="$build_dir" GOFLAGS=-buildvcs=false "$GO" install "github.com/stripe/stripe-mock@v$VERSION" 2>&1)"; then
  give_up "go install github.com/stripe/stripe-mock@v$VERSION failed: $(printf '%s' "$output" | tail -n 20)"
fi
mkdir -p "$BIN_DIR"
mv "$build_dir/stripe-mock" "$TARGET.partial" && mv "$TARGET.partial" "$TARGET"
printf '%s\n' "$VERSION" >"$STAMP"
echo "stripe-mock: installed $VERSION"
