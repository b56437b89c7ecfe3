"""The frozen program as CI builds it (`packaging/dist.py`): smoke-tested from a read-only folder,
answering exactly as the source does, trimmed as build.spec says, and packed by the installer.

These need the build, so they run when FISCALDESK_FROZEN is set: in CI (`.ci/run` builds first)
and with `make test-frozen`. A missing build then fails; it is never skipped silently.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import dist  # noqa: E402  (packaging/ is not a package)

pytestmark = pytest.mark.skipif(not os.environ.get("FISCALDESK_FROZEN"),
                                reason="needs the frozen build: `make test-frozen` (CI always runs these)")
SMOKE_STEPS = ("✓ 资源：", "✓ 文档：由内置样例创建", "✓ 窗口：", "✓ 编辑：", "✓ 审核：", "✓ 评分：", "✓ PDF：", "✓ 打印预览：",
               "✓ Word：", "✓ Excel：")


@pytest.fixture(scope="module")
def program() -> Path:
    path = ROOT / "dist" / dist.program_name()
    assert path.is_file(), f"{path} is missing: run `python packaging/dist.py` first"
    return path


@pytest.fixture(scope="module")
def folder() -> Path:
    path = dist.onedir_program().parent
    assert path.is_dir(), f"{path} is missing: run `python packaging/dist.py` first"
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def run(command: list, home: Path, cwd: Path, temporary: Path | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                       APPDATA=str(home / "AppData"), XDG_CACHE_HOME=str(home / "cache"))
    if temporary is not None:
        environment.update(TMPDIR=str(temporary), TEMP=str(temporary), TMP=str(temporary))
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=environment, timeout=300)


def read_only_copy(source: Path, target: Path) -> Path:
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        target.mkdir()
        shutil.copy2(source, target / source.name)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return target


@pytest.mark.parametrize("shape", ["one file", "one folder"])
def test_smoke_passes_from_a_read_only_folder_and_writes_nothing_outside_its_temporary_folder(
        tmp_path, program, folder, shape):
    installed = read_only_copy(program if shape == "one file" else folder, tmp_path / "installed")
    executable = installed / (program.name if shape == "one file" else dist.program_name())
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    before = snapshot(installed)
    result = run([executable, "--smoke"], home, cwd=installed, temporary=temporary)
    assert result.returncode == 0, result.stdout + result.stderr
    for step in SMOKE_STEPS:
        assert step in result.stdout, f"missing step {step!r}:\n{result.stdout}"
    assert "冒烟测试通过" in result.stdout
    resources = result.stdout.split("✓ 资源：")[1].split("；")[0]
    assert resources.startswith(str(temporary if shape == "one file" else installed)), resources
    assert snapshot(installed) == before, "the program wrote beside itself"
    assert not [p for p in home.rglob("*") if p.is_file()], "a smoke run leaves the user data folder alone"
    assert not list(temporary.iterdir()), "the unpacked program and the smoke files are cleaned up"


def test_first_start_puts_the_sample_in_the_user_data_folder_and_nothing_beside_the_program(tmp_path, program):
    installed = read_only_copy(program, tmp_path / "installed")
    home = tmp_path / "home"
    home.mkdir()
    before = snapshot(installed)
    result = run([installed / program.name, "--startup-probe"], home, cwd=installed)
    assert result.returncode == 0, result.stderr
    sample = home / "data" / "FiscalDesk" / "完整示例-示例区科委2024.fdesk"  # the complete example
    assert result.stdout.splitlines() == [f"first-window {sample}", f"document-window {sample}"]
    assert list(home.rglob("*.fdesk")) == [sample]
    assert snapshot(installed) == before


@pytest.mark.parametrize("command", [["check", "{doc}", "--json"], ["score", "{doc}", "--json"],
                                     ["narrative", "{doc}"], ["export", "{doc}", "--format", "json", "-o", "{out}"]])
def test_the_frozen_program_answers_exactly_as_the_source_does(tmp_path, program, command):
    """Same code tables, profiles, rule catalogue and schema: byte-identical output on seed 2."""
    home = tmp_path / "home"
    outputs = []
    for name, launcher in (("frozen", [program]), ("source", [sys.executable, "-m", "desktop"])):
        document = tmp_path / f"{name}.fdesk"
        made = run([*launcher, "sample", "--seed", "2", "-o", document], home, cwd=ROOT)
        assert made.returncode == 0, made.stderr
        output = tmp_path / f"{name}.json"
        arguments = [{"{doc}": str(document), "{out}": str(output)}.get(part, part) for part in command]
        result = run([*launcher, *arguments], home, cwd=ROOT)
        assert result.returncode in (0, 1), result.stderr
        text = output.read_text("utf-8") if "{out}" in command else result.stdout
        outputs.append((result.returncode, text.replace(str(document), "DOC")))
    assert outputs[0] == outputs[1]
    assert outputs[0][1].strip()


def test_the_bundle_holds_only_what_build_spec_keeps(folder):
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()]
    qt_modules = {Path(f).name.split(".")[0] for f in files if "/PySide6/Qt" in f and Path(f).name.startswith("Qt")
                  and "/Qt/" not in f}
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}
    libraries = {Path(f).name.split(".")[0].removeprefix("lib").removeprefix("Qt6") for f in files
                 if "Qt6" in Path(f).name and "/plugins/" not in f}
    assert not libraries & {"Network", "Qml", "Quick", "OpenGL", "Svg", "Pdf", "WaylandClient"}, libraries
    translations = sorted(Path(f).name for f in files if f.endswith(".qm"))
    assert translations == ["qt_zh_CN.qm", "qtbase_zh_CN.qm"]
    plugins = {f.split("/plugins/")[1].split("/")[0] for f in files if "/plugins/" in f}
    assert plugins <= {"platforms", "platforminputcontexts", "styles", "imageformats", "printsupport"}, plugins
    assert [f for f in files if "pdfium" in Path(f).name.lower() and "/pypdfium2_raw/" in f], "the PDFium library"
    assert not [f for f in files if Path(f).name.lower() == "opengl32sw.dll"]
    assert not [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()], "dangling links"
    for needed in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/gbsn00lp.ttf", "resources/codes/2023.json",
                   "resources/profiles/beijing-district.json", "resources/rules/catalogue.json",
                   "db/migrations/0001_document.sql", "resources/icons/fiscaldesk.png"):
        assert any(f.endswith("_internal/" + needed) for f in files), needed


def test_the_one_file_program_is_within_its_size_budget(program):
    assert program.stat().st_size <= 55_000_000


def test_the_one_file_program_unpacks_at_start_only_what_the_window_needs(program):
    """Exports' and printing's files travel in the Python archive (LAZY_GROUPS in build.spec) and are
    unpacked on first use; the smoke run above proves they arrive (it registers the bundled window
    font, which a system with a Chinese font of its own never unpacks)."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(program))
    unpacked = set(archive.toc)
    later = ("PIL/", "pillow.libs/", "lxml/", "pypdfium2_raw/", "docx/templates/", "PySide6/Qt/plugins/printsupport/",
             "PySide6/QtPrintSupport", "resources/fonts/gbsn00lp.ttf", "resources/fonts/LiberationSerif-Regular.ttf",
             "resources/fonts/wqy-microhei.ttc")
    assert not [name for name in unpacked if name.startswith(later)]
    assert not [name for name in unpacked
                if Path(name).name.startswith(("libcups.", "libgnutls.", "libQt6PrintSupport."))]
    modules = set(archive.open_embedded_archive("PYZ.pyz").toc)
    assert {"_fiscaldesk_lazy", "_fiscaldesk_lazy_pdfium", "_fiscaldesk_lazy_imaging", "_fiscaldesk_lazy_lxml",
            "_fiscaldesk_lazy_pdf_fonts", "_fiscaldesk_lazy_window_font", "_fiscaldesk_lazy_docx",
            "_fiscaldesk_lazy_printing"} <= modules


def test_the_installer_holds_the_whole_program_folder_and_an_uninstaller(folder):
    installer = dist.installer_path()
    assert installer.is_file(), f"{installer} is missing: run `python packaging/dist.py --fast-installer`"
    assert installer.read_bytes()[:2] == b"MZ"
    seven_zip = shutil.which("7z")
    if seven_zip is None:
        assert not os.environ.get("CI"), "CI installs p7zip-full to look inside the installer"
        pytest.skip("7z is not installed")
    listing = subprocess.run([seven_zip, "l", "-slt", "-sccUTF-8", str(installer)], capture_output=True, text=True,
                             encoding="utf-8", check=True).stdout
    packed = {line.removeprefix("Path = ").replace("\\", "/") for line in listing.splitlines()
              if line.startswith("Path = ")}
    payload = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert payload <= packed, sorted(payload - packed)[:10]
    assert "卸载FiscalDesk.exe" in packed


def test_the_folder_holds_a_console_program_for_it_staff_and_scripts(folder, tmp_path):
    """fiscaldesk-cli(.exe): the same program with a console (on Windows FiscalDesk.exe has none)."""
    cli = folder / dist.program_name("fiscaldesk-cli")
    assert cli.is_file()
    home = tmp_path / "home"
    document = tmp_path / "样例.fdesk"
    made = run([cli, "sample", "-o", document], home, cwd=tmp_path)
    assert made.returncode == 0 and "已写入样例 1" in made.stderr, made.stderr
    summary = run([cli, "summary", document], home, cwd=tmp_path)
    assert summary.returncode == 0 and "中关村科技园区门头沟园管理委员会" in summary.stdout
    refused = run([cli, "summary", tmp_path / "没有.fdesk"], home, cwd=tmp_path)
    assert refused.returncode == 1 and refused.stderr.startswith("错误：") and "Traceback" not in refused.stderr
