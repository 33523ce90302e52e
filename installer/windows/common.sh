# Sourced by build.sh and smoke.sh: Debian packages, the download cache, Wine prefixes and running under Wine.
# Facts behind each choice: shared/reference/WINDOWS.md (Wine 8.0 from Debian 12).
set -euo pipefail
WIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$WIN_DIR/../.." && pwd)"
# Downloads, kept between runs and keyed by their pinned sha256; everything works with this folder empty.
CACHE="${JOINTLEDGER_WIN_CACHE:-/var/cache/jointledger-win}"
WINE_TIMEOUT="${WINE_TIMEOUT:-900}" # seconds for one program under Wine; a hang must not eat CI's 90 minutes
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)"
# no Mono/Gecko prompts; no menu entries, icons or file types written into the Linux desktop
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
STANDINS=(icuuc mscms bcryptprimitives)
mkdir -p "$CACHE"

say() { printf '[%s %4ss] %s\n' "$(basename "$0" .sh)" "$SECONDS" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

# Installs the Debian packages that are missing (apt-get update once, only then).
need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  timeout 600 $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# cached FILE SHA256 COMMAND...: the path of CACHE/<sha256>/FILE, made by COMMAND (run in that empty folder,
# it must leave FILE there) when it is not cached yet; fails when the file's sha256 is not the pinned one.
cached() {
  local name="$1" sha="$2" dir="$CACHE/$2"
  shift 2
  if [ ! -f "$dir/$name" ] || [ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" != "$sha" ]; then
    rm -rf "$dir.part" && mkdir -p "$dir.part"
    (cd "$dir.part" && "$@") >&2
    local got
    got="$(sha256sum "$dir.part/$name" | cut -d' ' -f1)"
    [ "$got" = "$sha" ] || die "$name has sha256 $got, not the pinned $sha"
    rm -rf "$dir" && mv "$dir.part" "$dir"
  fi
  echo "$dir/$name"
}

# wine_run ARGS...: runs a Windows program with a time limit, without this machine's pip, Python and Qt settings
# (PIP_*, PYTHONPATH, QT_QPA_PLATFORM...: Linux paths and choices).
# Python under Wine dies at start when its output is a regular file, so its output always goes through a pipe.
wine_run() {
  wine_env timeout --kill-after=10 "$WINE_TIMEOUT" wine "$@" 2>&1 | cat
}

# wine_env COMMAND...: COMMAND with HOME in the prefix's folder (Wine links the Windows user's Desktop and
# Documents to the Linux home: shortcuts must land in the prefix, not in the home of whoever runs this).
wine_env() {
  local unset=() v
  for v in $(compgen -e | grep -E '^(PIP_|PYTHON|QT_)' || true); do unset+=(-u "$v"); done
  env "${unset[@]}" HOME="$WINEPREFIX-home" "$@"
}

# new_prefix DIR USB: a fresh 64-bit Wine prefix where a crash exits at once (no debugger), with the test-only
# stand-ins for the DLLs Wine lacks (standins/README.md) in system32, and the folder USB as the removable drive E:
# (Wine reports a "floppy" drive as DRIVE_REMOVABLE, as Windows does a USB stick).
new_prefix() {
  export WINEPREFIX="$1"
  rm -rf "$WINEPREFIX" "$WINEPREFIX-home" "$2" && mkdir -p "$2" "$WINEPREFIX-home"
  wine_env timeout 300 wineboot -i 2>&1 | grep -v "wine32 is missing\|multiarch\|dpkg --add-architecture\|apt-get install wine32" || true
  ln -s "$2" "$WINEPREFIX/dosdevices/e:"
  wine_run reg add 'HKLM\Software\Wine\Drives' /v 'e:' /d floppy /f >/dev/null
  wine_run reg add 'HKCU\Software\Wine\AeDebug' /v Debugger /d '' /f >/dev/null
  wine_run reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /d '' /f >/dev/null
  local dll
  for dll in "${STANDINS[@]}"; do
    local extra=()
    [ "$dll" = bcryptprimitives ] && extra=(-ladvapi32)
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/$dll.dll" \
      "$WIN_DIR/standins/$dll.c" "${extra[@]}"
    wine_run reg add 'HKCU\Software\Wine\DllOverrides' /v "$dll" /d native,builtin /f >/dev/null
  done
  timeout 60 wineserver -k || true # Wine's mount manager reads the drives when it starts
}

# win_path LINUX_PATH: the same file through Wine's Z: drive
win_path() { echo "Z:${1//\//\\}"; }

# no_standins DIR: fails when a test-only stand-in is in DIR (a bundle or an installed program)
no_standins() {
  local dll found
  for dll in "${STANDINS[@]}"; do
    found="$(find "$1" -iname "$dll.dll" | head -1)"
    [ -z "$found" ] || die "the test-only stand-in $found is in $1: it must never be shipped"
  done
}
