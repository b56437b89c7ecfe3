"""Build the frozen program, optionally smoke-test it and wrap it in the Windows installer.

    python packaging/dist.py                 # `make dist`: dist/FiscalDesk and dist/FiscalDesk-onedir/
    python packaging/dist.py --smoke         # … then run `FiscalDesk --smoke` on both
    python packaging/dist.py --installer     # … then makensis installer.nsi → dist/FiscalDesk-<版本>-安装程序.exe

The same script runs on Windows (packaging/build-windows.ps1), on Linux (`make dist`, CI) and
for `make bench` (bench/frozen.py), so the build that is measured and tested is the one shipped.
It prints each file's size and SHA-256, which is what a department's IT staff check before
they pass an installer on.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


def program_name(name: str = "FiscalDesk") -> str:
    return f"{name}.exe" if WINDOWS else name


def source_date_epoch() -> str:
    """The time every build of this commit records, so two builds are byte for byte the same:
    SOURCE_DATE_EPOCH when set, else the commit's time, else 1980-01-01 (a folder without git)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return result.stdout.strip()
    except OSError:
        pass
    return "315532800"


def reproducible_environment() -> dict[str, str]:
    """The environment builds run in: a fixed hash seed (set and dict order inside PyInstaller and
    in compiled code) and the commit's time for every timestamp a tool records."""
    return dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=source_date_epoch())


def build(*, floor: bool = False, distpath: Path = ROOT / "dist", workpath: Path = ROOT / "build" / "pyinstaller",
          shape: str = "--both", quiet: bool = True) -> Path:
    """Run PyInstaller on build.spec; the one-file program it made."""
    name = "FloorWindow" if floor else "FiscalDesk"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(distpath),
               "--workpath", str(workpath), "--log-level", "WARN" if quiet else "INFO", str(ROOT / "build.spec"),
               "--", shape] + (["--floor"] if floor else [])
    result = subprocess.run(command, cwd=ROOT, capture_output=quiet, text=True, env=reproducible_environment())
    if result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-8000:])
        raise SystemExit(f"PyInstaller 失败（退出码 {result.returncode}）")
    return distpath / program_name(name)


def onedir_program(distpath: Path = ROOT / "dist", name: str = "FiscalDesk") -> Path:
    return distpath / f"{name}-onedir" / program_name(name)


def smoke(program: Path, home: Path | None = None) -> subprocess.CompletedProcess:
    """`program --smoke`, headless; with `home`, the user data folder is redirected there."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if home is not None:
        environment.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), APPDATA=str(home / "AppData"),
                           LOCALAPPDATA=str(home / "LocalAppData"), USERPROFILE=str(home))
    return subprocess.run([str(program), "--smoke"], capture_output=True, text=True, encoding="utf-8",
                          env=environment, timeout=300)


def installer_command(payload: Path, output: Path, fast: bool = False) -> list[str]:
    """makensis on installer.nsi; `fast` swaps LZMA for zlib (CI checks the script, not the ratio)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        for folder in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if folder and (Path(folder) / "NSIS" / "makensis.exe").exists():
                makensis = str(Path(folder) / "NSIS" / "makensis.exe")
                break
    if makensis is None:
        raise SystemExit("找不到 makensis：请安装 NSIS（Windows：https://nsis.sourceforge.io；Debian：apt install nsis）")
    # "-" options: makensis takes them on every platform ("/" only on Windows)
    command = [makensis, "-WX", "-V2", f"-DVERSION={version()}", f"-DPAYLOAD={payload}", f"-DOUTFILE={output}"]
    if fast:
        command.append("-DCOMPRESSOR=zlib")
    return command + [str(ROOT / "installer.nsi")]


def build_installer(payload: Path, output: Path, fast: bool = False) -> Path:
    result = subprocess.run(installer_command(payload, output, fast), cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", env=reproducible_environment())
    if result.returncode != 0 or not output.exists():
        sys.stderr.write(result.stdout[-6000:] + result.stderr[-4000:])
        raise SystemExit(f"makensis 失败（退出码 {result.returncode}）")
    return output


def installer_path(distpath: Path = ROOT / "dist") -> Path:
    return distpath / f"FiscalDesk-{version()}-安装程序.exe"


def folder_size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建 FiscalDesk 可执行文件（及 Windows 安装程序）")
    parser.add_argument("--smoke", action="store_true", help="构建后运行冒烟测试（单文件和文件夹两种形式）")
    parser.add_argument("--installer", action="store_true", help="构建后用 makensis 生成安装程序")
    parser.add_argument("--fast-installer", action="store_true", help="安装程序用 zlib 压缩（仅用于检查脚本）")
    options = parser.parse_args(argv)

    program = build()
    folder = onedir_program().parent
    print(f"{program.relative_to(ROOT)}  {megabytes(program.stat().st_size)}  sha256 {sha256(program)}")
    print(f"{folder.relative_to(ROOT)}{os.sep}  {megabytes(folder_size(folder))}（安装程序的内容）")
    if options.smoke:
        for candidate in (program, onedir_program()):
            result = smoke(candidate)
            sys.stdout.write(result.stdout)
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                raise SystemExit(f"{candidate.relative_to(ROOT)} 冒烟测试失败")
    if options.installer or options.fast_installer:
        setup = build_installer(folder, installer_path(), fast=options.fast_installer)
        print(f"{setup.relative_to(ROOT)}  {megabytes(setup.stat().st_size)}  sha256 {sha256(setup)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
