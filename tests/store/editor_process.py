"""A stand-in for a window editing a document, in its own process, driven over stdin.

    python tests/store/editor_process.py DOC        prints "open" once the document is open;
    then each line "edit N" sets the seed 1 三公 出国 budget to N 元 and prints "saved N";
    "quit" closes the document and exits. It opens, locks and commits exactly as the window does
    (desktop.store.opening, desktop.editing.session).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.domain.money import Money  # noqa: E402
from desktop.editing.commands import CellValue, SetCells  # noqa: E402
from desktop.editing.session import EditSession  # noqa: E402
from desktop.store.opening import open_for_editing  # noqa: E402


def main() -> None:
    opened = open_for_editing(Path(sys.argv[1]), None)
    session = EditSession(opened.document, opened.file)
    print("open", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["edit"]:
            amount = Money.from_yuan(int(words[1]))
            session.do(SetCells([CellValue(session.year, "sangong", "abroad", "budget", amount)], "编辑"))
            print(f"saved {words[1]}", flush=True)
        elif words[:1] == ["quit"]:
            break
    opened.file.close()


if __name__ == "__main__":
    main()
