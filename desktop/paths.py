"""Where FiscalDesk's bundled resources live, both from a source checkout and when frozen.

PyInstaller unpacks data files under sys._MEIPASS; from a checkout they sit beside the package.
"""

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "db" / "migrations"
    return Path(__file__).resolve().parent.parent / "db" / "migrations"


def user_data_dir() -> Path:
    """Per-user folder for settings, recent files and backups; never beside the executable."""
    import os

    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "FiscalDesk"


def local_data_dir() -> Path:
    """Per-user folder for what stays on this PC (the log): %LOCALAPPDATA% on Windows, which IT
    never redirects to a server as it may %APPDATA%; the user data folder elsewhere."""
    import os

    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        if local:
            return Path(local) / "FiscalDesk"
    return user_data_dir()
