#!/usr/bin/env bash
# Builds the one-folder bundle of Joint Ledger and runs its self-test.
#
#   bash installer/build.sh [OUT]     # OUT defaults to the repository; the bundle is OUT/dist/jointledger
#
# Needs the dev install (`bash .ci/setup`: PyInstaller, and binutils for its library analysis). On Linux the
# bundle still needs the system libraries Qt loads (libegl1 libgl1 libfontconfig1 libxkbcommon0 ..., as in
# .ci/setup). Exits non-zero when the build or the bundled program's self-test fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PY=${PYTHON:-python3}

SECONDS=0
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build/pyinstaller" "$ROOT/installer/jointledger.spec"
BUNDLE="$OUT/dist/jointledger"
echo "built $BUNDLE in ${SECONDS} s, $(du -sh "$BUNDLE" | cut -f1)"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$BUNDLE/jointledger" --self-test
