"""PyInstaller runtime hook: the one-file program unpacks what only exports and printing use on demand.

A one-file program unpacks every file of its archive into a temporary folder before Python starts,
at every start. PDFium (打印预览), Pillow (charts), lxml (Word), CUPS (打印), python-docx's template
and the PDF's fonts are needed by no window before an export or a print, so build.spec packs them
instead as LZMA-compressed groups inside the Python archive (modules `_fiscaldesk_lazy_<group>`,
indexed by `_fiscaldesk_lazy`), which is read in place and never unpacked at start. The first
import of a group's trigger module (PIL, lxml, pypdfium2, reportlab, docx, desktop.ui.printing)
writes the group's files into the same temporary folder, where the import then finds them as if
they had been there all along; the folder is removed at exit like the rest.

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
            self.pending = dict(TRIGGERS)  # trigger module → group
            self.lock = threading.RLock()

        def find_spec(self, name: str, path=None, target=None):  # noqa: ANN001, ANN201 — importlib's protocol
            for trigger in list(self.pending):
                if name == trigger or name.startswith(trigger + "."):
                    self.unpack(self.pending[trigger])
            return None

        def unpack(self, group: str) -> None:
            with self.lock:
                if group not in self.pending.values():
                    return
                for trigger in [t for t, g in self.pending.items() if g == group]:
                    del self.pending[trigger]
                import importlib
                import lzma

                module_name = f"_fiscaldesk_lazy_{group}"
                module = importlib.import_module(module_name)
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
                if not self.pending and self in sys.meta_path:
                    sys.meta_path.remove(self)

    sys.meta_path.insert(0, LazyPayload())


_install()
