"""The layering of DESIGN.md §2: Qt only under desktop/ui, SQLite only in store, domain pure."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules(outside: str | None = None):
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if outside is None or not relative.startswith(outside):
            yield relative, path


@pytest.mark.parametrize("relative, path", list(modules(outside="ui/")))
def test_no_qt_outside_ui(relative, path):
    assert not {n for n in imports_of(path) if n.split(".")[0] in ("PySide6", "shiboken6")}, relative


@pytest.mark.parametrize("relative, path", [(r, p) for r, p in modules() if r.startswith("domain/")])
def test_domain_touches_neither_sqlite_nor_outer_layers(relative, path):
    forbidden = {"sqlite3", "openpyxl", "reportlab"}
    names = imports_of(path)
    assert not {n for n in names if n.split(".")[0] in forbidden}, relative
    assert not {n for n in names if n.startswith(("desktop.store", "desktop.io", "desktop.ui", "desktop.cli"))}


def test_the_check_itself_sees_an_import(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("from PySide6.QtWidgets import QWidget\nimport sqlite3\n")
    assert {"PySide6.QtWidgets", "sqlite3"} <= imports_of(sample)


@pytest.mark.parametrize("relative, path", [(r, p) for r, p in modules()
                                            if r.startswith(("rules/", "scoring/", "narrative/", "review/"))])
def test_rules_scoring_and_narrative_use_only_the_domain(relative, path):
    names = imports_of(path)
    assert not {n for n in names if n.split(".")[0] in {"sqlite3", "openpyxl", "reportlab"}}, relative
    assert not {n for n in names if n.startswith(("desktop.store", "desktop.io", "desktop.ui", "desktop.cli"))}, relative


@pytest.mark.parametrize("relative, path", [(r, p) for r, p in modules() if r.startswith("ui/") and r != "ui/qt.py"])
def test_qt_is_imported_through_one_module(relative, path):
    assert not {n for n in imports_of(path) if n.split(".")[0] in ("PySide6", "shiboken6")}, relative


@pytest.mark.parametrize("relative, path", [(r, p) for r, p in modules() if r.startswith("editing/")])
def test_editing_sits_below_the_faces(relative, path):
    names = imports_of(path)
    assert not {n for n in names if n.startswith(("desktop.ui", "desktop.cli", "desktop.io"))}, relative


@pytest.mark.parametrize("relative, path", [(r, p) for r, p in modules() if r.startswith("publication/")])
def test_publication_is_data_without_a_renderer(relative, path):
    """The published document is plain data: the PDF and Excel exporters render it, it renders nothing."""
    names = imports_of(path)
    assert not {n for n in names if n.split(".")[0] in {"sqlite3", "openpyxl", "reportlab"}}, relative
    assert not {n for n in names if n.startswith(("desktop.store", "desktop.io", "desktop.ui", "desktop.cli"))}, relative


def test_reportlab_is_imported_only_by_the_pdf_exporter():
    for relative, path in modules():
        if any(n.split(".")[0] == "reportlab" for n in imports_of(path)):
            assert relative.startswith("io/pdf/") and relative != "io/pdf/__init__.py", relative


def test_openpyxl_is_imported_only_by_the_excel_module():
    for relative, path in modules():
        if any(n.split(".")[0] == "openpyxl" for n in imports_of(path)):
            assert relative.startswith("io/xlsx/") and relative != "io/xlsx/__init__.py", relative


def test_python_docx_is_imported_only_by_the_word_exporter():
    for relative, path in modules():
        if any(n.split(".")[0] in ("docx", "lxml") for n in imports_of(path)):
            assert relative.startswith("io/docx/"), relative


def test_the_command_line_starts_without_openpyxl_reportlab_or_python_docx():
    import subprocess
    import sys
    code = ("import sys, desktop.cli, desktop.io.xlsx, desktop.io.pdf, desktop.io.docx; "
            "print(sorted(m for m in ('openpyxl', 'reportlab', 'docx', 'lxml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True)
    assert result.stdout.strip() == "[]"
