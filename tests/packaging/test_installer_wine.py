"""The Windows installer run under Wine, as IT and clerks would run it (issue 22, item 8).

installer.nsi is compiled with a small payload of its own: a FiscalDesk.exe that Windows really runs
(a stand-in that holds its file open while it runs), a console exe and files in `_internal`. Each
test gets a fresh Windows 10 prefix and checks the files, shortcuts and registry keys each step
leaves: a silent install into a folder with Chinese characters and spaces, an upgrade, a refused
downgrade and a forced one, the refusal while FiscalDesk runs, an old Windows refused, the
all-users mode, and an uninstall that keeps the clerk's data and documents.

The installer CI builds around the real (Linux) program is installed and removed too, file by
file, where the frozen build exists (FISCALDESK_FROZEN).

These need Debian's wine64 and nsis: `.ci/run` installs both, and in CI a missing Wine fails.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import wineprefix  # tests/packaging is on sys.path
from wineprefix import WinePrefix

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import dist  # noqa: E402  (packaging/ is not a package)

IN_CI = os.environ.get("CI") == "true"
pytestmark = pytest.mark.skipif(not wineprefix.available() and not IN_CI,
                                reason="needs wine64 and nsis (Debian: apt install wine64 nsis); CI always runs these")

OLD, NEW = "1.0.0", "1.1.0"
TITLE = "FiscalDesk 部门决算公开与绩效自评助手"
UNINSTALLER = "卸载FiscalDesk.exe"
UNINSTALL_KEY = r"software\microsoft\windows\currentversion\uninstall\fiscaldesk"
CLASSES = (r"software\classes\.fdesk", r"software\classes\fiscaldesk.document")
CHINESE_FOLDER = r"C:\财务 软件\决算 助手"
EXIT_UNSUPPORTED, EXIT_NEWER_INSTALLED, EXIT_RUNNING = 3, 4, 5


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """Two versions of the installer, each with a payload that says which version it is."""
    assert wineprefix.available(), "CI needs wine64 and makensis: .ci/run installs them (apt install wine64 nsis)"
    folder = tmp_path_factory.mktemp("installers")
    standin = wineprefix.build_standin(folder / "standin")
    setups = {}
    for version in (OLD, NEW):
        payload = folder / f"payload-{version}"
        (payload / "_internal" / "子目录").mkdir(parents=True)
        shutil.copy(standin, payload / "FiscalDesk.exe")
        shutil.copy(standin, payload / "fiscaldesk-cli.exe")
        (payload / "_internal" / "version.txt").write_text(version, "utf-8")
        (payload / "_internal" / f"only-{version}.txt").write_text(version, "utf-8")
        (payload / "_internal" / "子目录" / "说明.txt").write_text(version, "utf-8")
        setups[version] = wineprefix.makensis(ROOT / "installer.nsi", folder / f"setup-{version}.exe",
                                              VERSION=version, PAYLOAD=str(payload), COMPRESSOR="zlib")
    return setups


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A Windows 10 prefix made once (about 10 s); each test works on a copy of it."""
    assert wineprefix.available(), "CI needs wine64 and makensis: .ci/run installs them (apt install wine64 nsis)"
    root = tmp_path_factory.mktemp("wine-pristine")
    WinePrefix.create(root)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def windows(pristine, tmp_path) -> WinePrefix:
    root = tmp_path / "wine"
    shutil.copytree(pristine, root, symlinks=True)
    machine = WinePrefix(root)
    yield machine
    machine.kill()
    shutil.rmtree(root, ignore_errors=True)  # 700 MB: not kept with pytest's last three runs


def files(folder: Path) -> dict[str, str]:
    """Every file under `folder` → its text for the payload's notes, its size for the rest."""
    listing = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            listing[relative] = path.read_text("utf-8") if path.suffix == ".txt" else path.stat().st_size
    return listing


def payload_of(version: str) -> set[str]:
    return {"FiscalDesk.exe", "fiscaldesk-cli.exe", UNINSTALLER, "_internal/version.txt", f"_internal/only-{version}.txt",
            "_internal/子目录/说明.txt"}


def assert_installed(windows: WinePrefix, folder: str, version: str, hive: str = "HKCU") -> None:
    """The program files of `version`, its shortcuts and its keys, all pointing into `folder`."""
    installed = files(windows.path(folder))
    assert set(installed) >= payload_of(version), sorted(installed)
    assert not any(name.startswith("_internal/only-") and name != f"_internal/only-{version}.txt" for name in installed), \
        f"an older version's file was left beside the new ones: {sorted(installed)}"
    assert installed["_internal/version.txt"] == version
    program = f"{folder}\\FiscalDesk.exe"
    desktop, menu = ((windows.desktop, windows.start_menu) if hive == "HKCU"
                     else (windows.public_desktop, windows.common_start_menu))
    shortcuts = {desktop / "FiscalDesk.lnk": "FiscalDesk.exe", menu / "FiscalDesk" / f"{TITLE}.lnk": "FiscalDesk.exe",
                 menu / "FiscalDesk" / "卸载 FiscalDesk.lnk": UNINSTALLER}
    for shortcut, target in shortcuts.items():
        assert shortcut.is_file(), shortcut
        link = shortcut.read_bytes()  # a shell link keeps the folder and the file name as UTF-16 pieces
        assert folder.encode("utf-16-le") in link and target.encode("utf-16-le") in link, \
            f"{shortcut.name} does not point at {folder}\\{target}"
    assert sorted(p.name for p in (menu / "FiscalDesk").iterdir()) == sorted(p.name for p in list(shortcuts)[1:])

    keys = windows.registry(hive)
    assert keys[UNINSTALL_KEY] == {
        "DisplayName": TITLE, "DisplayVersion": version, "Publisher": "FiscalDesk",
        "DisplayIcon": f"{program},0", "InstallLocation": folder,
        "UninstallString": f'"{folder}\\{UNINSTALLER}"', "QuietUninstallString": f'"{folder}\\{UNINSTALLER}" /S',
        "NoModify": 1, "NoRepair": 1, "EstimatedSize": keys[UNINSTALL_KEY]["EstimatedSize"]}
    assert keys[UNINSTALL_KEY]["EstimatedSize"] > 0
    assert keys[r"software\fiscaldesk"] == {"InstallDir": folder}
    assert keys[r"software\classes\.fdesk"] == {"": "FiscalDesk.Document"}
    assert keys[r"software\classes\fiscaldesk.document"] == {"": "FiscalDesk 决算文档"}
    assert keys[r"software\classes\fiscaldesk.document\defaulticon"] == {"": f"{program},0"}
    assert keys[r"software\classes\fiscaldesk.document\shell\open\command"] == {"": f'"{program}" "%1"'}
    other = "HKLM" if hive == "HKCU" else "HKCU"
    assert not our_keys(windows, other), f"{other} must hold nothing of a {hive} install"


def our_keys(windows: WinePrefix, hive: str) -> list[str]:
    return [key for key in windows.registry(hive)
            if key.startswith((UNINSTALL_KEY, r"software\fiscaldesk", *CLASSES))]


def assert_nothing_installed(windows: WinePrefix) -> None:
    for hive in ("HKCU", "HKLM"):
        assert not our_keys(windows, hive), (hive, our_keys(windows, hive))
    for place in (windows.desktop, windows.public_desktop):
        assert not (place / "FiscalDesk.lnk").exists(), place
    for menu in (windows.start_menu, windows.common_start_menu):
        assert not (menu / "FiscalDesk").exists(), menu


def test_a_silent_install_into_a_folder_with_chinese_characters_and_spaces(windows, builds):
    assert windows.wine(str(builds[OLD]), "/S", f"/D={CHINESE_FOLDER}") == 0
    assert_installed(windows, CHINESE_FOLDER, OLD)
    assert set(files(windows.path(CHINESE_FOLDER))) == payload_of(OLD)


def test_without_a_folder_it_installs_per_user_under_local_app_data(windows, builds):
    assert windows.wine(str(builds[NEW]), "/S") == 0
    folder = windows.windows_path(windows.user / "AppData" / "Local" / "Programs" / "FiscalDesk")
    assert_installed(windows, folder, NEW)


def test_an_upgrade_replaces_the_old_program_files_in_the_folder_it_found(windows, builds):
    assert windows.wine(str(builds[OLD]), "/S", f"/D={CHINESE_FOLDER}") == 0
    document = windows.path(CHINESE_FOLDER) / "2025年决算.fdesk"
    document.write_bytes(b"a clerk's document saved beside the program")

    assert windows.wine(str(builds[NEW]), "/S") == 0  # no /D=: the folder of the installed version

    assert_installed(windows, CHINESE_FOLDER, NEW)
    assert set(files(windows.path(CHINESE_FOLDER))) == payload_of(NEW) | {document.name}
    assert document.read_bytes() == b"a clerk's document saved beside the program"


def test_a_downgrade_is_refused_unless_forced(windows, builds):
    assert windows.wine(str(builds[NEW]), "/S", f"/D={CHINESE_FOLDER}") == 0

    assert windows.wine(str(builds[OLD]), "/S") == EXIT_NEWER_INSTALLED
    assert_installed(windows, CHINESE_FOLDER, NEW)

    assert windows.wine(str(builds[OLD]), "/S", "/FORCE") == 0
    assert_installed(windows, CHINESE_FOLDER, OLD)


@pytest.mark.parametrize("running", ["FiscalDesk.exe", "fiscaldesk-cli.exe"])
def test_refused_while_fiscaldesk_runs_then_upgrades_once_it_is_closed(windows, builds, running):
    assert windows.wine(str(builds[OLD]), "/S", f"/D={CHINESE_FOLDER}") == 0
    process = windows.start(f"{CHINESE_FOLDER}\\{running}")
    try:
        assert windows.wine(str(builds[NEW]), "/S") == EXIT_RUNNING
        assert process.poll() is None, "the running program was left alone"
    finally:
        windows.stop(process)
    assert_installed(windows, CHINESE_FOLDER, OLD)
    assert set(files(windows.path(CHINESE_FOLDER))) == payload_of(OLD)

    assert windows.wine(str(builds[NEW]), "/S") == 0
    assert_installed(windows, CHINESE_FOLDER, NEW)


@pytest.mark.parametrize("version", ["win7", "win81"])
def test_a_windows_qt6_cannot_run_on_is_refused_before_anything_is_written(windows, builds, version):
    windows.set_windows(version)
    assert windows.wine(str(builds[NEW]), "/S", f"/D={CHINESE_FOLDER}") == EXIT_UNSUPPORTED
    assert not windows.path(CHINESE_FOLDER).exists()
    assert_nothing_installed(windows)


def test_the_uninstaller_removes_the_program_and_keeps_the_clerks_documents_and_data(windows, builds):
    assert windows.wine(str(builds[OLD]), "/S", f"/D={CHINESE_FOLDER}") == 0
    document = windows.path(CHINESE_FOLDER) / "2025年决算.fdesk"
    document.write_bytes(b"document")
    roaming, local = windows.user / "AppData" / "Roaming" / "FiscalDesk", windows.user / "AppData" / "Local" / "FiscalDesk"
    data = [roaming / "settings.json", local / "backups" / "2025年决算-备份.fdesk", local / "logs" / "fiscaldesk.log"]
    for path in data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("数据", "utf-8")

    assert windows.wine(f"{CHINESE_FOLDER}\\{UNINSTALLER}", "/S") == 0

    assert_nothing_installed(windows)
    assert set(files(windows.path(CHINESE_FOLDER))) == {document.name}, "only the document is left in the folder"
    assert all(path.read_text("utf-8") == "数据" for path in data), "a silent uninstall keeps settings, backups and log"


def test_all_users_mode_installs_for_every_user_and_uninstalls_cleanly(windows, builds):
    assert windows.wine(str(builds[OLD]), "/S", "/ALLUSERS") == 0
    folder = r"C:\Program Files\FiscalDesk"
    assert_installed(windows, folder, OLD, hive="HKLM")
    assert not (windows.user / "AppData" / "Local" / "Programs" / "FiscalDesk").exists()

    assert windows.wine(str(builds[NEW]), "/S", "/ALLUSERS") == 0  # upgraded in place
    assert_installed(windows, folder, NEW, hive="HKLM")
    assert windows.wine(str(builds[OLD]), "/S", "/ALLUSERS") == EXIT_NEWER_INSTALLED

    assert windows.wine(f"{folder}\\{UNINSTALLER}", "/S") == 0
    assert_nothing_installed(windows)
    assert not windows.path(folder).exists()


def test_per_user_and_all_users_installs_are_separate(windows, builds):
    """A clerk's own copy is neither a downgrade target nor removed by IT's all-users uninstall."""
    assert windows.wine(str(builds[NEW]), "/S") == 0
    assert windows.wine(str(builds[OLD]), "/S", "/ALLUSERS") == 0, "HKCU's newer copy does not block HKLM"
    folder = r"C:\Program Files\FiscalDesk"
    assert windows.wine(f"{folder}\\{UNINSTALLER}", "/S") == 0
    mine = windows.windows_path(windows.user / "AppData" / "Local" / "Programs" / "FiscalDesk")
    assert_installed(windows, mine, NEW)


@pytest.mark.skipif(not os.environ.get("FISCALDESK_FROZEN"), reason="needs the frozen build: `make test-frozen`")
def test_the_installer_ci_builds_installs_every_program_file_and_removes_them(windows):
    """CI's payload is the Linux build: the same folder, with FiscalDesk and fiscaldesk-cli where
    Windows has FiscalDesk.exe and fiscaldesk-cli.exe, the two files the uninstaller names."""
    setup, payload = dist.installer_path(), dist.onedir_program().parent
    assert setup.is_file(), f"{setup} is missing: run `python packaging/dist.py --fast-installer` first"
    programs = {dist.program_name(), dist.program_name("fiscaldesk-cli")}
    assert {p.name for p in payload.iterdir()} == programs | {"_internal"}, "the uninstaller's list of top files"
    assert windows.wine(str(setup), "/S", f"/D={CHINESE_FOLDER}") == 0
    folder = windows.path(CHINESE_FOLDER)
    expected = {p.relative_to(payload).as_posix(): p.stat().st_size for p in payload.rglob("*") if p.is_file()}
    installed = {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    assert installed.pop(UNINSTALLER) > 0
    assert installed == expected

    assert windows.wine(f"{CHINESE_FOLDER}\\{UNINSTALLER}", "/S") == 0
    left = {p.name for p in folder.iterdir()} if folder.exists() else set()
    assert left == {name for name in programs if not name.endswith(".exe")}, "all but Linux's names for the .exe files"
    assert_nothing_installed(windows)
