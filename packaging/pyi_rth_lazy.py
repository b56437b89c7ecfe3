"""PyInstaller runtime hook: the one-file program unpacks what the window's first paint does not need on demand.

A one-file program unpacks every file of its archive into a temporary folder before Python starts,
at every start. PDFium (打印预览), Pillow (charts), lxml (Word), Qt's print support and CUPS (打印),
python-docx's template, the PDF's fonts, SQLite, Python's rarely used extension modules and the
bundled window font (used only where the system has no Chinese font) are needed by no window
before its first paint, so build.spec packs them instead as compressed groups (LZMA, or zlib for
the ones wanted soon) inside the Python archive (modules `_fiscaldesk_lazy_<group>`, indexed by
`_fiscaldesk_lazy`), which is read in place and never unpacked at start. The first import of a
group's trigger module (PIL, lxml, pypdfium2, reportlab, docx, PySide6.QtPrintSupport, sqlite3,
pyexpat…, desktop.ui.bundled_font; one module may trigger several groups) writes the group's files
into the same temporary folder, where the import then finds them as if they had been there all
along; the folder is removed at exit like the rest.

Writes go through a temporary name and os.replace, and files already there are left alone, so an
export's child process (which shares the folder) and the window can both ask for a group. The
one-folder program has no index module: there everything is on disk and this hook does nothing.
"""


def _install() -> None:
    import sys

    try:
        from _fiscaldesk_lazy import TRIGGERS  # noqa: PLC0415 — only the one-file program has it
    except ImportError:
        return
    import os
    import threading

    root = sys._MEIPASS  # noqa: SLF001 — PyInstaller's unpacking folder

    class LazyPayload:
        """A meta-path finder that finds nothing: it unpacks a group before its trigger is imported."""

        def __init__(self) -> None:
            self.pending = {trigger: list(groups) for trigger, groups in TRIGGERS.items()}  # module → its groups
            self.lock = threading.RLock()

        def find_spec(self, name: str, path=None, target=None):  # noqa: ANN001, ANN201 — importlib's protocol
            for trigger in list(self.pending):
                if name == trigger or name.startswith(trigger + "."):
                    for group in list(self.pending.get(trigger, ())):
                        self.unpack(group)
            return None

        def unpack(self, group: str) -> None:
            with self.lock:
                if not any(group in groups for groups in self.pending.values()):
                    return
                for trigger in list(self.pending):
                    left = [g for g in self.pending[trigger] if g != group]
                    if left:
                        self.pending[trigger] = left
                    else:
                        del self.pending[trigger]
                import importlib

                module_name = f"_fiscaldesk_lazy_{group}"
                module = importlib.import_module(module_name)
                if module.CODEC == "zlib":
                    import zlib
                    data = zlib.decompress(module.DATA)
                else:
                    import lzma
                    data = lzma.decompress(module.DATA)
                position = 0
                for destination, size, link, mode in module.FILES:
                    path = os.path.join(root, destination)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    if link is not None:
                        if not os.path.lexists(path):
                            try:
                                os.symlink(link, path)
                            except FileExistsError:
                                pass
                        continue
                    chunk = data[position:position + size]
                    position += size
                    if os.path.isfile(path) and os.path.getsize(path) == size:
                        continue
                    temporary = f"{path}.{os.getpid()}.{threading.get_ident()}.part"
                    with open(temporary, "wb") as handle:
                        handle.write(chunk)
                    os.chmod(temporary, mode)
                    os.replace(temporary, path)
                del sys.modules[module_name]  # its compressed bytes are not needed again
                importlib.invalidate_caches()  # a folder already listed (lib-dynload) has new files
                if not self.pending and self in sys.meta_path:
                    sys.meta_path.remove(self)

    sys.meta_path.insert(0, LazyPayload())


_install()
