"""Build the Debian package for 国产 desktops (统信UOS, 麒麟, Debian, Ubuntu): `make deb`.

    python packaging/deb.py            # builds the one-folder program if needed, then dist/fiscaldesk_<版本>_amd64.deb

The package installs the one-folder program (what the Windows installer installs) under
/opt/fiscaldesk, `fiscaldesk` on the PATH, a menu entry in 办公, the `.fdesk` file type with its
icon, and nothing else; removing it removes all of that and leaves documents, settings and
backups (in the user's home) alone. Its Depends are computed from the program itself: every
shared library something in the folder links to that the folder does not hold, found with ldd
and mapped to its package with dpkg-query, plus the xcb libraries Qt's window plugin needs that
this build machine may lack.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import dist  # noqa: E402  (packaging/ is not a package)

PACKAGE = "fiscaldesk"
PREFIX = Path("opt") / PACKAGE
MIME_TYPE = "application/x-fiscaldesk"
ICON = "fiscaldesk"
DESKTOP_ENTRY = f"""[Desktop Entry]
Type=Application
Name=FiscalDesk
Name[zh_CN]=部门决算公开与绩效自评助手
GenericName=Final accounts and performance self-evaluation
GenericName[zh_CN]=部门决算公开与绩效自评
Comment=Tables, 审核, scores and the publication-ready PDF of a department's final accounts
Comment[zh_CN]=录入决算公开与绩效自评表格，即时审核、计算得分，导出可公开的 PDF、Word 和 Excel
Exec=fiscaldesk %f
Icon={ICON}
Terminal=false
Categories=Office;Finance;
MimeType={MIME_TYPE};
Keywords=决算;绩效;审核;公开;
StartupWMClass=FiscalDesk
"""
MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>FiscalDesk document</comment>
    <comment xml:lang="zh_CN">FiscalDesk 文档</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="{MIME_TYPE.replace('/', '-')}"/>
    <glob pattern="*.fdesk"/>
  </mime-type>
</mime-info>
"""
# After installing or removing: the menus, the file types and the icons learn of it (each only if present).
REFRESH = """#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
"""
SONAME = re.compile(r"^(?P<base>lib[\w.+-]*?)\.so\.(?P<version>[\d.]+)$")


def package_path(version: str, distpath: Path = ROOT / "dist") -> Path:
    return distpath / f"{PACKAGE}_{version}_amd64.deb"


def debian_name(soname: str) -> str:
    """Debian's package name for a library by its soname (libxcb-icccm.so.4 → libxcb-icccm4,
    libgssapi_krb5.so.2 → libgssapi-krb5-2): for libraries ldd finds nowhere on the build machine."""
    match = SONAME.match(soname)
    if match is None:
        raise ValueError(f"not a library soname: {soname}")
    base, major = match["base"].lower().replace("_", "-"), match["version"].split(".")[0]
    return f"{base}-{major}" if base[-1].isdigit() else f"{base}{major}"


def _elf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
                  and (".so" in p.name or os.access(p, os.X_OK)) and p.read_bytes()[:4] == b"\x7fELF")


def linked_outside(folder: Path) -> tuple[set[str], set[str]]:
    """(paths of the libraries the folder's programs and libraries link to outside it, sonames
    no library on this machine provides), as the program finds them: its own folders first."""
    library_dirs = sorted({str(p.parent) for p in folder.rglob("*.so*")})
    environment = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(library_dirs))
    outside, missing = set(), set()
    for path in _elf_files(folder):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=environment)
        for line in result.stdout.splitlines():
            name, _, target = (part.strip() for part in line.partition("=>"))
            if target.startswith("not found"):
                missing.add(name)
            elif target.startswith("/"):
                resolved = target.split(" (")[0]
                if not Path(resolved).resolve().is_relative_to(folder.resolve()):
                    outside.add(resolved)
    return outside, missing


def owning_packages(paths: set[str]) -> set[str]:
    """The installed packages that own these files (dpkg-query -S, exact paths, merged-/usr aware)."""
    packages = set()
    for path in sorted(paths):
        candidates = {path, path.removeprefix("/usr") if path.startswith("/usr/") else "/usr" + path}
        for candidate in sorted(candidates):
            result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            for line in result.stdout.splitlines():
                owner, _, owned = line.partition(": ")
                if owned == candidate:
                    packages.update(name.split(":")[0] for name in owner.split(", "))
    return packages


def depends(folder: Path) -> list[str]:
    outside, missing = linked_outside(folder)
    return sorted(owning_packages(outside) | {debian_name(soname) for soname in missing})


def control(version: str, needs: list[str], installed_kib: int) -> str:
    return (f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: amd64\nSection: misc\nPriority: optional\n"
            f"Maintainer: FiscalDesk <fiscaldesk@localhost>\nInstalled-Size: {installed_kib}\n"
            f"Depends: {', '.join(needs)}\n"
            "Description: 部门决算公开与绩效自评助手 (FiscalDesk)\n"
            " Enter a department's final-accounts and performance tables once, see every\n"
            " 审核 problem as it appears, get every total, share, growth rate and score\n"
            " computed, and export the publication-ready PDF, Word and Excel files.\n"
            " Runs offline; documents are single *.fdesk files.\n")


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def build_deb(folder: Path, output: Path, version: str, compression: str = "xz") -> Path:
    """The package of the one-folder program `folder` (dist/FiscalDesk-onedir), written to `output`
    (`compression`: dpkg-deb's -Z; "none" builds in seconds, for tests)."""
    with tempfile.TemporaryDirectory(prefix="fiscaldesk-deb-") as work:
        root = Path(work) / "root"
        shutil.copytree(folder, root / PREFIX, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / PACKAGE).symlink_to(Path("/") / PREFIX / dist.program_name())
        _write(root / "usr/share/applications" / f"{PACKAGE}.desktop", DESKTOP_ENTRY)
        _write(root / "usr/share/mime/packages" / f"{PACKAGE}.xml", MIME_XML)
        for kind, name in (("apps", ICON), ("mimetypes", MIME_TYPE.replace("/", "-"))):
            icon = root / "usr/share/icons/hicolor/256x256" / kind / f"{name}.png"
            icon.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / "resources" / "icons" / "fiscaldesk.png", icon)
            icon.chmod(0o644)
        for directory in [root, *(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())]:
            directory.chmod(0o755)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        _write(root / "DEBIAN" / "control", control(version, depends(root / PREFIX), (size + 1023) // 1024))
        for script in ("postinst", "postrm"):
            _write(root / "DEBIAN" / script, REFRESH, 0o755)
        output.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(output)],
                       check=True, capture_output=True, env=dist.reproducible_environment())
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建 FiscalDesk 的 Debian 软件包（统信UOS、麒麟等国产桌面）")
    parser.add_argument("--rebuild", action="store_true", help="先重新构建程序，即使 dist/FiscalDesk-onedir 已存在")
    options = parser.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("找不到 dpkg-deb：请在 Debian 系统上构建（apt install dpkg-dev）")
    folder = dist.onedir_program().parent
    if options.rebuild or not folder.is_dir():
        dist.build()
    package = build_deb(folder, package_path(dist.version()), dist.version())
    print(f"{package.relative_to(ROOT)}  {dist.megabytes(package.stat().st_size)}  sha256 {dist.sha256(package)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
