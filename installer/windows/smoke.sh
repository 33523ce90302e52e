#!/usr/bin/env bash
# The Windows smoke test, under Wine, of an installer built by build.sh:
#
#   bash installer/windows/smoke.sh OUT/JointLedger-<version>-setup.exe [SCREENSHOT.png]
#
# In a fresh Wine prefix (next to the setup, in smoke/): installs silently for the current user; checks the
# shortcuts, the .jlbook association, the Programs and Features entry and that no test-only stand-in was
# installed; runs `jointledger-cli.exe --self-test`; runs the command line on a book with a Chinese name in a
# folder with a Chinese name and a space (C:\用户\会计室 2026\东岭村.jlbook), its output through a cp1252 pipe, a
# CSV export (CRLF line ends) and a backup onto a removable drive E:; opens the real window on that book under
# Xvfb and takes a screenshot of it (SCREENSHOT, default smoke/main-window.png); then uninstalls silently and
# checks that the books and the data folder are still there. Every Wine call has a time limit.
source "$(dirname "$0")/common.sh"

SETUP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$SETUP" ] || die "no installer at $1"
WORK="$(dirname "$SETUP")/smoke"
SHOT="${2:-$WORK/main-window.png}"
need_packages wine64 wine gcc-mingw-w64-x86-64-win32 xvfb xauth x11-apps poppler-utils
rm -rf "$WORK"
new_prefix "$WORK/prefix" "$WORK/usb"
C="$WINEPREFIX/drive_c"
export JOINTLEDGER_USER=admin JOINTLEDGER_PASSWORD="smoke-$RANDOM$RANDOM" JOINTLEDGER_PASSPHRASE="smoke-$RANDOM$RANDOM"

say "install (setup.exe /S)"
t0=$SECONDS
wine_run "$SETUP" /S
timeout 120 wineserver -w || true
PROGRAM="$(find "$C/users" -path "*/AppData/Local/Programs/JointLedger" -maxdepth 5 -type d | head -1)"
[ -n "$PROGRAM" ] && [ -f "$PROGRAM/jointledger.exe" ] && [ -f "$PROGRAM/Uninstall.exe" ] \
  || die "the installer put no program under %LOCALAPPDATA%\\Programs\\JointLedger"
say "installed in $((SECONDS - t0)) s: $(du -sh "$PROGRAM" | cut -f1)"
no_standins "$PROGRAM"
WINPROGRAM="C:$(tr / '\\' <<<"${PROGRAM#"$C"}")" # the same folder as Windows names it
USERDIR="$(dirname "$(dirname "$(dirname "$(dirname "$PROGRAM")")")")" # C:\users\<name>
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\JointLedger'
entry="$(wine_run reg query "$key")"
for value in "DisplayVersion.*$VERSION" "Publisher.*Joint Ledger" "QuietUninstallString.*Uninstall.exe"; do
  grep -q "$value" <<<"$entry" || die "Programs and Features: no $value in $key"
done
command="$(wine_run reg query 'HKCU\Software\Classes\JointLedger.Book\shell\open\command')"
grep -q 'jointledger.exe" "%1"' <<<"$command" || die ".jlbook does not open in jointledger.exe"
shortcuts() { find -L "$USERDIR/Desktop/" "$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/" -name '*.lnk'; }
[ -n "$(shortcuts | grep 'Start Menu/Programs/.*/.*\.lnk')" ] || die "no start-menu shortcut"
[ -n "$(shortcuts | grep 'Desktop/[^/]*\.lnk')" ] || die "no desktop shortcut"

CLI="$PROGRAM/jointledger-cli.exe"
say "self-test (jointledger-cli.exe --self-test)"
# offscreen Qt under Wine finds fonts only in QT_QPA_FONTDIR, and Wine passes QT_* only from the registry
wine_run reg add 'HKCU\Environment' /v QT_QPA_FONTDIR /d 'C:\windows\Fonts' /f >/dev/null
t0=$SECONDS
wine_run "$CLI" --self-test | tee "$WORK/self-test.log"
grep -q "self-test passed" "$WORK/self-test.log" || die "the installed program's self-test failed"
say "self-test passed in $((SECONDS - t0)) s"

say "command line on C:\\用户\\会计室 2026\\东岭村.jlbook"
mkdir -p "$C/用户/会计室 2026"
BOOK='C:\用户\会计室 2026\东岭村.jlbook'
wine_run "$CLI" demo "$BOOK" | tee "$WORK/cli.log"
[ -f "$C/用户/会计室 2026/东岭村.jlbook" ] || die "the demo book is not at $BOOK"
# through a pipe, which is cp1252 under Wine: the program must write UTF-8 and never crash on Chinese
wine_run "$CLI" info "$BOOK" | tee -a "$WORK/cli.log"
grep -q "东岭片区强村联营有限公司" "$WORK/cli.log" || die "the book's Chinese name did not come through the pipe"
wine_run "$CLI" report "$BOOK" trial-balance --year 2025 >>"$WORK/cli.log" || die "report failed"
wine_run "$CLI" export "$BOOK" members 'C:\用户\会计室 2026\成员.csv' >>"$WORK/cli.log"
"${PYTHON:-python3}" - "$C/用户/会计室 2026/成员.csv" <<'EOF' || die "the CSV's line ends are not CRLF"
import sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == data.count(b"\n") > 1 and b"\r\r" not in data
EOF
wine_run "$CLI" backup "$BOOK" 'E:\' >>"$WORK/cli.log"
[ -n "$(find "$WORK/usb" -name '东岭村-*.jlbak')" ] || die "no backup on the removable drive E:"

say "the window under Xvfb"
t0=$SECONDS
"${PYTHON:-python3}" "$WIN_DIR/screenshot.py" --timeout "$WINE_TIMEOUT" --out "$SHOT" -- \
  env HOME="$WINEPREFIX-home" wine explorer /desktop=JointLedger,1280x800 "$WINPROGRAM\jointledger.exe" "$BOOK" 2>&1 | cat
[ -s "$SHOT" ] || die "no screenshot of the main window"
say "screenshot $SHOT after $((SECONDS - t0)) s"

say "uninstall (Uninstall.exe /S)"
t0=$SECONDS
wine_run "$PROGRAM/Uninstall.exe" /S
timeout 120 wineserver -w || true
for _ in $(seq 30); do [ -f "$PROGRAM/jointledger.exe" ] || break; sleep 1; done
[ ! -f "$PROGRAM/jointledger.exe" ] || die "the uninstaller left the program"
[ -z "$(shortcuts | grep -iE 'joint|联营')" ] || die "the uninstaller left shortcuts: $(shortcuts)"
wine_run reg query "$key" >/dev/null 2>&1 && die "the uninstaller left $key"
[ -f "$C/用户/会计室 2026/东岭村.jlbook" ] || die "the uninstaller deleted the book"
[ -n "$(find "$USERDIR/AppData/Local" -maxdepth 1 -iname jointledger -type d)" ] || die "the data folder %LOCALAPPDATA%\\JointLedger is gone"
say "uninstalled in $((SECONDS - t0)) s; the book and the data folder are kept"
say "smoke test passed in $SECONDS s"
