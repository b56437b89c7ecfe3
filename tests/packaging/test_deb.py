"""The Debian package for 国产 desktops (packaging/deb.py): its name rules always; with the frozen
build (FISCALDESK_FROZEN, as in CI), the package itself — what it installs where, its Depends
computed from the program, its menu entry and file type. `.ci/run` then installs it with apt,
smoke-tests the installed program and removes it again (packaging/check-deb.sh)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import deb  # noqa: E402  (packaging/ is not a package)
import dist  # noqa: E402

frozen = pytest.mark.skipif(not os.environ.get("FISCALDESK_FROZEN"),
                            reason="needs the frozen build: `make test-frozen` (CI always runs these)")


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libGL.so.1", "libgl1"), ("libgssapi_krb5.so.2", "libgssapi-krb5-2"), ("libx264.so.164", "libx264-164"),
    ("libxkbcommon-x11.so.0.0.0", "libxkbcommon-x11-0"),
])
def test_a_library_missing_on_the_build_machine_is_named_as_debian_names_it(soname, package):
    assert deb.debian_name(soname) == package


def test_a_name_that_is_no_soname_is_refused():
    with pytest.raises(ValueError):
        deb.debian_name("FiscalDesk")


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    folder = dist.onedir_program().parent
    assert folder.is_dir(), f"{folder} is missing: run `python packaging/dist.py` first"
    return deb.build_deb(folder, tmp_path_factory.mktemp("deb") / "fiscaldesk.deb", dist.version(), "none")


def field(package: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(package), name], capture_output=True, text=True,
                          check=True).stdout.strip()


@frozen
def test_the_package_installs_the_program_a_command_a_menu_entry_and_the_file_type(package):
    listing = subprocess.run(["dpkg-deb", "--contents", str(package)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    paths = {line.split()[5].removeprefix(".") for line in listing}
    assert {"/opt/fiscaldesk/FiscalDesk", "/usr/bin/fiscaldesk", "/usr/share/applications/fiscaldesk.desktop",
            "/usr/share/mime/packages/fiscaldesk.xml", "/usr/share/icons/hicolor/256x256/apps/fiscaldesk.png",
            "/usr/share/icons/hicolor/256x256/mimetypes/application-x-fiscaldesk.png"} <= paths
    assert any(p.startswith("/opt/fiscaldesk/_internal/") for p in paths)
    assert not [p for p in paths if not p.startswith(("/opt/fiscaldesk", "/usr/bin/", "/usr/share/"))
                and p not in ("/", "/opt/", "/usr/")], "nothing outside the program's folder, the command and desktop data"
    command = next(line for line in listing if line.split()[5] == "./usr/bin/fiscaldesk")
    assert command.startswith("l") and command.endswith("-> /opt/fiscaldesk/FiscalDesk")
    owners = {line.split()[1] for line in listing}
    assert owners == {"root/root"}


@frozen
def test_the_control_file_names_the_package_and_what_it_needs(package):
    assert field(package, "Package") == "fiscaldesk" and field(package, "Architecture") == "amd64"
    assert field(package, "Version") == dist.version()
    needs = {name.strip() for name in field(package, "Depends").split(",")}
    # what the folder links to and does not hold (the build bundles what it finds on this machine)
    assert needs == set(deb.depends(dist.onedir_program().parent)) and {"libc6", "libxcb1"} <= needs
    assert not [name for name in needs if name.startswith(("libqt6", "python3"))], "Qt and Python travel inside"


@frozen
def test_the_menu_entry_opens_fdesk_files_with_the_installed_command(package, tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(package), str(tmp_path)], check=True)
    entry = (tmp_path / "usr/share/applications/fiscaldesk.desktop").read_text(encoding="utf-8")
    assert "Exec=fiscaldesk %f" in entry and "MimeType=application/x-fiscaldesk;" in entry
    assert "Name[zh_CN]=部门决算公开与绩效自评助手" in entry
    mime = (tmp_path / "usr/share/mime/packages/fiscaldesk.xml").read_text(encoding="utf-8")
    assert 'glob pattern="*.fdesk"' in mime
    for script in ("postinst", "postrm"):
        control = subprocess.run(["dpkg-deb", "-I", str(package), script], capture_output=True, text=True, check=True)
        assert "update-mime-database" in control.stdout
