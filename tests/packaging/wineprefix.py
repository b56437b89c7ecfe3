"""A Windows of our own for the installer tests: a Wine prefix in a temporary folder.

Wine runs the 64-bit NSIS installer as Windows would: it creates the files, the shortcuts and the
registry keys, refuses to open a running program's file for writing, and reports the exit code.
Everything it writes stays under the prefix and the home folder given to it; the menu builder that
would copy shortcuts into the real desktop is switched off.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

WINE = shutil.which("wine") or shutil.which("wine64")
WINESERVER = shutil.which("wineserver") or shutil.which("wineserver64")
MAKENSIS = shutil.which("makensis")
STANDIN_RUNNING = "fiscaldesk-standin.running"
STANDIN_STOP = "fiscaldesk-standin.stop"

# A FiscalDesk.exe that Windows really runs: it marks itself running in %TEMP% and waits there
# until told to stop, holding its own file as a running program does.
STANDIN_SCRIPT = r"""Target amd64-unicode
SilentInstall silent
RequestExecutionLevel user
SetDateSave off
!include "LogicLib.nsh"
OutFile "${OUTFILE}"
Section
  FileOpen $0 "$TEMP\%s" w
  FileClose $0
  ${Do}
    Sleep 100
  ${LoopUntil} ${FileExists} "$TEMP\%s"
  Delete "$TEMP\%s"
  Delete "$TEMP\%s"
SectionEnd
""" % (STANDIN_RUNNING, STANDIN_STOP, STANDIN_RUNNING, STANDIN_STOP)


def available() -> bool:
    return bool(WINE and WINESERVER and MAKENSIS)


def makensis(script: Path, output: Path, **defines: str) -> Path:
    command = [MAKENSIS, "-WX", "-V2", f"-DOUTFILE={output}"]
    command += [f"-D{name}={value}" for name, value in defines.items()]
    result = subprocess.run([*command, str(script)], capture_output=True, text=True, encoding="utf-8",
                            errors="replace", cwd=script.parent)
    assert result.returncode == 0 and output.is_file(), result.stdout[-4000:] + result.stderr[-2000:]
    return output


def build_standin(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "standin.nsi"
    script.write_text(STANDIN_SCRIPT, "utf-8")
    return makensis(script, folder / "FiscalDesk.exe")


class WinePrefix:
    """One Windows 10 (or, asked for, Windows 7) installation under `root`: `create` makes it, the
    constructor takes one that exists (a copy of a prefix works: nothing in it points outside)."""

    def __init__(self, root: Path):
        self.root = root
        self.prefix = root / "prefix"
        self.home = root / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.environment = dict(
            os.environ, WINEPREFIX=str(self.prefix), HOME=str(self.home), WINEDEBUG="-all",
            WINEARCH="win64", LANG="C.UTF-8", LC_ALL="C.UTF-8",
            XDG_CONFIG_HOME=str(self.home / ".config"), XDG_DATA_HOME=str(self.home / ".local" / "share"),
            # no Mono or Gecko download prompts (the machine has no internet); no menu entries in ~
            WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d")
        self.running: list[subprocess.Popen] = []  # stand-ins started and not yet stopped
        for screen in ("DISPLAY", "WAYLAND_DISPLAY"):  # silent installs show nothing; no window, no X
            self.environment.pop(screen, None)

    @classmethod
    def create(cls, root: Path) -> WinePrefix:
        machine = cls(root)
        machine.wine("wineboot", "--init")
        # Wine links Desktop, Documents… to the Linux home; here they are the prefix's own folders
        for link in machine.user.iterdir():
            if link.is_symlink():
                link.unlink()
                link.mkdir()
        machine.set_windows("win10")
        return machine

    # -- running -------------------------------------------------------------------------------
    def wine(self, program: str, *arguments: str, timeout: float = 180) -> int:
        """Runs a Windows program to its end and waits until Wine has written the registry files.

        Wine quotes an argument that holds a space, and NSIS takes /D= only unquoted: an
        argument is therefore passed as the words it is made of.
        """
        words = [word for argument in arguments for word in argument.split(" ")]
        self.start_server()
        result = subprocess.run([WINE, program, *words], env=self.environment, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=timeout)
        if not self.running:  # waiting for every process would wait for the stand-in
            self.settle()
        return result.returncode

    def start_server(self) -> None:
        """A server that ends as soon as its last program does (Wine's own lingers 3 s after each).

        Its output goes nowhere: a pipe would be held open by the server, which runs on."""
        subprocess.run([WINESERVER, "-p0"], env=self.environment, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60)

    def settle(self) -> None:
        """Waits for every Windows process (an uninstaller runs on as a copy of itself) and the server."""
        subprocess.run([WINESERVER, "-w"], env=self.environment, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=180)

    def kill(self) -> None:
        """Ends whatever still runs in this prefix (a test that failed half-way)."""
        subprocess.run([WINESERVER, "-k"], env=self.environment, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60)

    def start(self, program: str) -> subprocess.Popen:
        self.start_server()
        process = subprocess.Popen([WINE, program], env=self.environment, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (self.temp / STANDIN_RUNNING).exists():
            assert process.poll() is None and time.monotonic() < deadline, "the stand-in did not start"
            time.sleep(0.1)
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        (self.temp / STANDIN_STOP).touch()
        process.wait(timeout=60)
        self.running.remove(process)
        self.settle()

    def set_windows(self, version: str) -> None:
        self.wine("winecfg", "-v", version)

    # -- where things are ----------------------------------------------------------------------
    @property
    def user(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        assert len(users) == 1, users
        return users[0]

    @property
    def temp(self) -> Path:
        """%TEMP% (Wine's is C:\\users\\<name>\\Temp, not Windows' AppData\\Local\\Temp)."""
        return self.path(str(self.registry("HKCU")["environment"]["TEMP"]))

    @property
    def desktop(self) -> Path:
        return self.user / "Desktop"

    @property
    def start_menu(self) -> Path:
        return self.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"

    @property
    def public_desktop(self) -> Path:
        return self.prefix / "drive_c" / "users" / "Public" / "Desktop"

    @property
    def common_start_menu(self) -> Path:
        return self.prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs"

    def path(self, windows_path: str) -> Path:
        """C:\\a\\b → the file under the prefix."""
        drive, _, rest = windows_path.partition(":\\")
        assert drive.upper() == "C", windows_path
        return self.prefix / "drive_c" / Path(*rest.split("\\"))

    def windows_path(self, path: Path) -> str:
        return "C:\\" + "\\".join(path.relative_to(self.prefix / "drive_c").parts)

    # -- the registry --------------------------------------------------------------------------
    def registry(self, hive: str) -> dict[str, dict[str, str | int]]:
        """HKCU or HKLM as Wine saved it: key path (lower case) → {value name ("" default): value}."""
        return parse_registry((self.prefix / {"HKCU": "user.reg", "HKLM": "system.reg"}[hive]).read_text("utf-8"))

    def keys_under(self, hive: str, *needles: str) -> list[str]:
        lowered = [needle.lower() for needle in needles]
        return sorted(key for key in self.registry(hive) if any(needle in key for needle in lowered))


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,4}|.)")


def unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1)
        if code.startswith("x") and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}.get(code, code)
    return _ESCAPE.sub(one, text)


def parse_registry(text: str) -> dict[str, dict[str, str | int]]:
    """Wine's .reg files: `[key\\\\path] stamp` headers, then `"name"="text"`, `@=…`, `…=dword:hex`."""
    keys: dict[str, dict[str, str | int]] = {}
    values: dict[str, str | int] | None = None
    for line in text.splitlines():
        if line.startswith("["):
            name = unescape(line[1:line.rindex("]")])
            values = keys.setdefault(name.lower(), {})
        elif values is not None and (line.startswith('"') or line.startswith("@=")):
            match = re.match(r'^(@|"((?:[^"\\]|\\.)*)")=(.*)$', line)
            if not match:
                continue
            name = "" if match.group(1) == "@" else unescape(match.group(2))
            data = match.group(3)
            data = data.removeprefix("str(2):")  # REG_EXPAND_SZ, as Windows' TEMP is
            if data.startswith('"') and data.endswith('"'):
                values[name] = unescape(data[1:-1])
            elif data.startswith("dword:"):
                values[name] = int(data[6:], 16)
    return keys
