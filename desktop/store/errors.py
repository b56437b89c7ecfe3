"""What can go wrong with a document file, as exceptions whose message is shown to the clerk.

Apart from desktop.store.docfile (which raises most of them) so that the window, the lock and the
backups can name them without loading the document machinery before the window's first paint.
"""

from __future__ import annotations


class DocumentFileError(Exception):
    """A document file that cannot be opened or written; the message is shown to the clerk."""


class NotAFiscalDeskFile(DocumentFileError):
    pass


class NewerVersionFile(DocumentFileError):
    pass


class DamagedFile(DocumentFileError):
    pass


class UnsafeFile(DamagedFile):
    """Ours by its header, but holding objects (triggers, views…) no FiscalDesk makes."""


class DiskFull(DocumentFileError):
    pass


class UnknownProfile(NewerVersionFile):
    """A year names a 评价方案 this program does not have (a newer FiscalDesk's, another region's)."""


class ReadOnlyLocation(DocumentFileError):
    """The file or its folder cannot be written (a read-only share, a write-protected file)."""


class DocumentBusy(DocumentFileError):
    pass
