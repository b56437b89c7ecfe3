"""No network, ever: the program has no code that could reach one, and a whole working session
(open, edit, check, score, export PDF and Excel — the smoke path) runs with sockets disabled."""

import ast
import socket
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "ftplib", "smtplib", "poplib",
                   "imaplib", "telnetlib", "xmlrpc", "asyncio", "socketserver", "webbrowser", "selectors"}
QT_NETWORK = ("PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_of_the_program_imports_network_code():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        bad = {n for n in imported_modules(path) if n.split(".")[0] in NETWORK_MODULES or n.startswith(QT_NETWORK)}
        if bad:
            offenders[path.relative_to(PACKAGE).as_posix()] = bad
    assert not offenders


def test_no_web_address_is_opened_or_fetched():
    """The only URL in the code is the JSON Schema dialect's identifier (a name, never fetched);
    files are opened with QUrl.fromLocalFile."""
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "http://" in line or "https://" in line:
                assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in line, (path.name, line)
        if "openUrl(" in text:
            assert all("openUrl(QUrl.fromLocalFile(" in line for line in text.splitlines() if "openUrl(" in line)


@pytest.fixture()
def no_sockets(monkeypatch):
    """Every way Python code can open a connection or resolve a name fails, and is recorded."""
    attempts = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network disabled by test: {name}")
        return refused

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append("socket")
            raise OSError("network disabled by test: socket")

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "getfqdn", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_sockets_really_are_off(no_sockets):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket()
    assert no_sockets == ["create_connection", "socket"]


@pytest.fixture()
def started_like_the_program(qapp):
    """The bundled fonts and Chinese translations, as `application()` installs them; undone after."""
    from desktop.ui import app as start
    font = qapp.font()
    start.register_fonts(qapp)
    start.install_translations(qapp)
    yield
    for translator in start._translators:
        qapp.removeTranslator(translator)
    start._translators.clear()
    qapp.setFont(font)


def test_the_whole_smoke_path_runs_without_a_network(qtbot, started_like_the_program, no_sockets, tmp_path,
                                                     monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from desktop.store.settings import Settings
    from desktop.ui.main_window import MainWindow
    from desktop.ui.smoke import run_smoke

    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False)
    qtbot.addWidget(window)
    lines = []
    assert run_smoke(window, None, [], out=lines.append) == 0, capsys.readouterr().err
    assert lines[-1] == "冒烟测试通过" and any(line.startswith("✓ PDF") for line in lines)
    assert any(line.startswith("✓ Excel") for line in lines) and any("已备份" in line for line in lines)
    assert no_sockets == []
    assert not [name for name in sys.modules if name.startswith(QT_NETWORK)]
