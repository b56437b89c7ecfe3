# FiscalDesk: build the Windows program and its installer with one command.
#
#   powershell -NoProfile -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# Run it in the project folder (the one holding build.spec) on Windows 10 1809+ or 11, x64, with
# Python 3.11 (64-bit) and NSIS 3 installed; see docs\windows-build.md. It makes a fresh virtual
# environment in .venv-windows, installs FiscalDesk with its pinned dependencies and PyInstaller
# (from PyPI, or from a wheel folder with -Wheels), builds dist\FiscalDesk.exe (one file) and
# dist\FiscalDesk-onedir\, runs both with --smoke, and compiles dist\FiscalDesk-<版本>-安装程序.exe.
# It stops at the first failure with a non-zero exit code.

param(
    # A folder of wheels made with `pip download` on a PC with internet, for an offline build PC.
    [string]$Wheels = ""
)

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Step([string]$Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
function Check([string]$What) {
    if ($LASTEXITCODE -ne 0) { Write-Host "失败：$What（退出码 $LASTEXITCODE）" -ForegroundColor Red; exit 1 }
}

Step "Python 3.11 (64 位)"
$python = (& py -3.11 -c "import sys; print(sys.executable)" 2>$null)
if ($LASTEXITCODE -ne 0 -or -not $python) {
    Write-Host "找不到 Python 3.11：请从 python.org 安装 Windows installer (64-bit)，勾选 py launcher。" -ForegroundColor Red
    exit 1
}
& $python -c "import struct, sys; sys.exit(0 if struct.calcsize('P') == 8 else 1)"
Check "需要 64 位的 Python 3.11"
Write-Host $python

Step "makensis (NSIS 3)"
$makensis = Get-Command makensis -ErrorAction SilentlyContinue
if (-not $makensis) {
    foreach ($folder in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($folder -and (Test-Path "$folder\NSIS\makensis.exe")) { $makensis = "$folder\NSIS\makensis.exe" }
    }
}
if (-not $makensis) {
    Write-Host "找不到 makensis：请安装 NSIS 3（https://nsis.sourceforge.io），默认安装位置即可。" -ForegroundColor Red
    exit 1
}
Write-Host $makensis

Step "虚拟环境 .venv-windows"
if (Test-Path .venv-windows) { Remove-Item -Recurse -Force .venv-windows }
& $python -m venv .venv-windows
Check "python -m venv"
$venvPython = ".venv-windows\Scripts\python.exe"
if ($Wheels) {
    & $venvPython -m pip install --no-index --find-links $Wheels -e ".[build]"
} else {
    & $venvPython -m pip install --upgrade pip
    Check "pip install --upgrade pip"
    & $venvPython -m pip install -e ".[build]"
}
Check "pip install"

Step "PyInstaller、冒烟测试、安装程序"
& $venvPython packaging\dist.py --smoke --installer
Check "packaging\dist.py"

Step "完成"
Get-ChildItem dist -File | Format-Table Name, @{Label = "MB"; Expression = { "{0:N1}" -f ($_.Length / 1MB) } }
