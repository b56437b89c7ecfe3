"""SQLite URIs for document paths: local folders, mapped drives, UNC shares, any file name.

A read-only look at a document needs a URI (`mode=ro`, `immutable=1`). `Path.resolve().as_uri()`
gives one that works here and fails where documents often are in an office: on Windows, resolving
turns a mapped drive (Z:\\决算) into its UNC name, and a UNC path becomes `file://server/share/…`,
whose host part SQLite refuses; the clerk was then told the file was damaged. This builds the URI
from the path as given (made absolute, never resolved), with an empty host.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath

# Kept as they are in a URI path; every other byte of the UTF-8 text is %-escaped (what
# urllib.parse.quote does, written out: the program imports nothing of the network modules)
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def sqlite_uri(path: PurePath, **parameters: str) -> str:
    """An absolute `path` as an SQLite URI, with `parameters` as its query (mode="ro", immutable="1").

    Windows: a drive path (C:, or a mapped Z:) becomes file:///C:/…, a UNC path \\\\server\\share\\…
    becomes file:////server/share/… (an empty host, then the UNC path, which Windows opens).
    Every character a URI treats specially (%, ?, #, spaces) and every non-ASCII one is escaped."""
    if not path.is_absolute():
        raise ValueError(f"not an absolute path: {path}")
    if isinstance(path, PureWindowsPath):
        text = str(path).replace("\\", "/")
        location = "//" + text if text.startswith("//") else "///" + text
    else:
        location = "//" + str(path)
    query = "&".join(f"{name}={_escape(value)}" for name, value in parameters.items())
    return f"file:{_escape(location, keep=b'/:')}" + (f"?{query}" if query else "")


def _escape(text: str, keep: bytes = b"") -> str:
    return "".join(chr(byte) if byte in _UNRESERVED or byte in keep else f"%{byte:02X}" for byte in text.encode("utf-8"))


def document_uri(path: Path, **parameters: str) -> str:
    """The URI of a document as the clerk named it: made absolute, never resolved (a mapped drive
    stays a drive, a symbolic link stays itself)."""
    return sqlite_uri(Path(os.path.abspath(path)), **parameters)
