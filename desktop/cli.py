"""The command line: the same operations as the GUI, headless (`fiscaldesk …`, `python -m desktop`).

Messages go to stderr in Chinese; the exit status is 0 on success, 1 when the operation was
refused (bad input, damaged file), 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.domain.document import Document, DocumentError
from desktop.io.jsonio import JsonImportError, read_json, write_json
from desktop.io.samples import SAMPLES, load_sample
from desktop.paths import user_data_dir
from desktop.store.docfile import DocumentFile, DocumentFileError
from desktop.summary import summarize


class CommandError(Exception):
    """A refused operation; its message is printed as is."""


def _write_document(document: Document, output: Path, force: bool) -> None:
    """Create `output` as a document file; with force, replace an existing one atomically."""
    if output.exists() and not force:
        raise CommandError(f"“{output}”已存在；如需覆盖请加 --force。")
    temporary = output.with_name(output.name + ".new")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    DocumentFile.create(temporary, document).close()
    os.replace(temporary, output)


def _read_document(path: Path) -> Document:
    with DocumentFile.open(path) as file:
        return file.load()


def cmd_sample(args: argparse.Namespace) -> None:
    _write_document(load_sample(args.seed), Path(args.output), args.force)
    print(f"已写入样例 {args.seed}：{args.output}", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> None:
    source = Path(args.file)
    if source.suffix.lower() != ".json":
        raise CommandError(f"“{source.name}”：目前只能导入 FiscalDesk JSON 文件（.json）。")
    _write_document(read_json(source), Path(args.output), args.force)
    print(f"已导入：{args.output}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> None:
    document = _read_document(Path(args.document))
    write_json(document, Path(args.output))
    print(f"已导出：{args.output}", file=sys.stderr)


def cmd_summary(args: argparse.Namespace) -> None:
    print(summarize(_read_document(Path(args.document))))


def cmd_run(args: argparse.Namespace) -> None:
    """Open the bundled seed 1 sample (created in the user data folder on first run)."""
    path = Path(args.document) if args.document else user_data_dir() / "样例-门头沟园2023.fdesk"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_document(load_sample(1), path, force=False)
    print(f"文档：{path}")
    print(summarize(_read_document(path)))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fiscaldesk", description="FiscalDesk 部门决算公开与绩效自评助手")
    commands = parser.add_subparsers(dest="command")

    sample = commands.add_parser("sample", help="写出内置样例文档")
    sample.add_argument("--seed", type=int, choices=sorted(SAMPLES), default=1)
    sample.add_argument("-o", "--output", required=True)
    sample.add_argument("--force", action="store_true", help="覆盖已有文件")
    sample.set_defaults(handler=cmd_sample)

    importer = commands.add_parser("import", help="从 JSON 导入为文档文件")
    importer.add_argument("file")
    importer.add_argument("-o", "--output", required=True)
    importer.add_argument("--force", action="store_true", help="覆盖已有文件")
    importer.set_defaults(handler=cmd_import)

    exporter = commands.add_parser("export", help="导出文档")
    exporter.add_argument("document")
    exporter.add_argument("--format", choices=["json"], required=True)
    exporter.add_argument("-o", "--output", required=True)
    exporter.set_defaults(handler=cmd_export)

    summary = commands.add_parser("summary", help="显示文档概要")
    summary.add_argument("document")
    summary.set_defaults(handler=cmd_summary)

    run = commands.add_parser("run", help="打开文档（默认：内置样例）")
    run.add_argument("document", nargs="?")
    run.set_defaults(handler=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        args = parser.parse_args(["run", *(argv or [])])
    try:
        args.handler(args)
    except (CommandError, DocumentFileError, JsonImportError, DocumentError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：无法读写文件（{exc.strerror}：{exc.filename}）", file=sys.stderr)
        return 1
    return 0
