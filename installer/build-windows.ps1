# Builds the Windows bundle and its installer: dist\jointledger\ and dist\JointLedger-<version>-setup.exe.
#
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
#
# Needs Python 3.11+ with `pip install -e ".[dev]"` and Inno Setup 6.5+ (iscc.exe on PATH or in its default
# folder). Not run in CI (there is no Windows there): see installer/README.md.
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\jointledger.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# jointledger.exe is windowed; jointledger-cli.exe (the same program with a console) shows the self-test's lines
dist\jointledger\jointledger-cli.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "the bundled program's self-test failed" }

$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\jointledger.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "dist\JointLedger-$version-setup.exe"
