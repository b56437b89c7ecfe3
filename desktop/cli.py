"""The command line: the same operations as the GUI, headless (`fiscaldesk …`, `python -m desktop`).

Messages go to stderr in Chinese; the exit status is 0 on success, 1 when the operation was
refused (bad input, damaged file, a document being edited), 2 for wrong usage.

Commands that only read (check, score, narrative, summary, export) open documents read-only:
they never convert or upgrade a file. Commands that write a document (sample, import) go through
desktop.store.replacing: under the target's lock, never over their input, never over an existing
file without --force, and after backing up the document they replace.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop.domain.codes import INCOMPLETE_HINT, code_table, imported_table_path
from desktop.domain.document import DEFAULT_PROFILE, MAX_YEAR, MIN_YEAR, Document, DocumentError
from desktop.domain.profiles import available_profiles
from desktop.io.jsonio import JsonImportError, read_json, write_json
from desktop.io.samples import SAMPLES, load_example, load_sample
from desktop.rules.engine import check_document
from desktop.rules.findings import SEVERITY_LABELS, counts
from desktop.store.code_tables import list_tables, record_stamp, recorded_stamp, save_imported
from desktop.store.docfile import DocumentFile, DocumentFileError
from desktop.summary import render_scores, summarize


class CommandError(Exception):
    """A refused operation; its message is printed as is."""


def _write_document(document: Document, output: Path, force: bool, sources: tuple[Path, ...] = ()) -> None:
    """Create `output` as a document file; with force, replace an existing one (backed up first)."""
    from desktop.store.backups import default_backups
    from desktop.store.replacing import write_document
    replaced = write_document(document, output, force=force, backups=default_backups(), sources=sources)
    if replaced.backup is not None:
        print(f"原文档已备份：{replaced.backup.path}", file=sys.stderr)
    if replaced.note:
        print(f"注意：{replaced.note}", file=sys.stderr)


def _read_document(path: Path) -> Document:
    """Read a document without writing anything to it (an old one is upgraded in memory only)."""
    with DocumentFile.open(path, read_only=True) as file:
        return file.load()


MAX_LARGE_PROJECTS = 5000


def cmd_sample(args: argparse.Namespace) -> int | None:
    if args.large is not None:
        return _write_large(args)
    if args.example:
        _write_document(load_example(), Path(args.output), args.force)
        print(f"已写入完整示例：{args.output}", file=sys.stderr)
        return
    _write_document(load_sample(args.seed), Path(args.output), args.force)
    print(f"已写入样例 {args.seed}：{args.output}", file=sys.stderr)


def _project_count(text: str) -> int:
    """--large's value: a whole number of projects a department could have (wrong usage otherwise: exit 2)."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_LARGE_PROJECTS:
        raise argparse.ArgumentTypeError(f"项目数“{text}”无效：应为 1–{MAX_LARGE_PROJECTS} 之间的整数")
    return count


def _write_large(args: argparse.Namespace) -> int | None:
    """A generated department-sized document (consistent figures, no 审核 finding)."""
    from desktop.synthetic import build_document, large_proportions
    if args.example:
        print("错误：--large 与 --example 不能同时使用。", file=sys.stderr)
        return 2
    proportions = large_proportions(args.large)
    _write_document(build_document(**proportions), Path(args.output), args.force)
    print(f"已写入生成的文档（{proportions['projects']} 个项目、{proportions['functional_rows']} 行功能分类、"
          f"{proportions['units']} 个单位）：{args.output}", file=sys.stderr)
    return None


def cmd_import(args: argparse.Namespace) -> None:
    from desktop.store.replacing import refuse_existing
    source = Path(args.file)
    output = Path(args.output)
    refuse_existing(output, args.force, [source])  # before reading: a refused import reads nothing
    suffix = source.suffix.lower()
    if suffix == ".json":
        document = read_json(source)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        from desktop.io.xlsx import drop_unmatched, read_xlsx  # openpyxl only when importing a workbook
        result = read_xlsx(source)
        notes = drop_unmatched(result.document, result.year, result.explanation_cells)
        for warning in result.warnings + notes:
            print(f"注意：{warning}", file=sys.stderr)
        document = result.document
    else:
        raise CommandError(f"“{source.name}”：只能导入 Excel 工作簿（.xlsx）或 FiscalDesk JSON 文件（.json）。")
    _write_document(document, output, args.force, (source,))
    print(f"已导入：{args.output}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> None:
    output = Path(args.output)
    if args.template:
        _export_template(args, output)
        return
    if not args.document:
        raise CommandError("请给出要导出的文档（或用 --template 导出空白模板）。")
    if not args.format:
        raise CommandError("请用 --format 选择导出格式：json、pdf、docx、audit-pdf 或 xlsx。")
    from desktop.store.replacing import check_export_target
    check_export_target(output, Path(args.document), args.force)
    document = _read_document(Path(args.document))
    if args.format == "xlsx":
        from desktop.io.xlsx import export_xlsx  # openpyxl only when exporting a workbook
        result = export_xlsx(document, output, year=_select_year(document, args))
        print(f"已导出 Excel 工作簿（{result.sheets} 张工作表）：{output}", file=sys.stderr)
        return
    if args.format == "json":
        write_json(document, output)
        print(f"已导出：{output}", file=sys.stderr)
        return
    from desktop.io.export import ExportRefused
    year = _select_year(document, args)
    if args.format == "audit-pdf":
        from desktop.io.pdf import export_audit_pdf  # reportlab only when exporting PDF
        result = export_audit_pdf(document, output, year=year)
        print(f"已导出审核说明，共 {result.pages} 页：{output}", file=sys.stderr)
        return
    if args.format == "docx":
        from desktop.io.docx import export_docx as export  # python-docx only when exporting Word
    else:
        from desktop.io.pdf import export_pdf as export
    try:
        result = export(document, output, year=year, draft=args.draft)
    except ExportRefused as refused:
        raise CommandError(f"{refused}\n如需导出草稿（每页加“草稿”水印），请加 --draft。") from None
    kind = "草稿" if result.draft else "正式文件"
    if result.pages is None:
        print(f"已导出{kind}（Word 文档）：{output}", file=sys.stderr)
    else:
        print(f"已导出{kind}，共 {result.pages} 页：{output}", file=sys.stderr)


def _export_template(args: argparse.Namespace, output: Path) -> None:
    """The empty 填报 layout of a year: from DOC (its department, units, year and profile) or blank."""
    from desktop.io.xlsx import export_template, export_xlsx
    from desktop.store.replacing import check_export_target
    if args.format not in (None, "xlsx"):
        raise CommandError("--template 只能导出 Excel 工作簿（--format xlsx）。")
    check_export_target(output, Path(args.document) if args.document else None, args.force)
    if args.document:
        document = _read_document(Path(args.document))
        result = export_xlsx(document, output, year=_select_year(document, args), template=True)
    else:
        profile = args.profile or DEFAULT_PROFILE
        if profile not in available_profiles():
            raise CommandError(f"未知的方案“{profile}”（可用：{'、'.join(sorted(available_profiles()))}）")
        year = args.year or date.today().year - 1
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CommandError(f"年度 {year} 无效：应在 {MIN_YEAR}–{MAX_YEAR} 之间")
        result = export_template(output, year, profile, args.department or "")
    print(f"已导出 Excel 模板（{result.sheets} 张工作表）：{output}", file=sys.stderr)


def _select_year(document: Document, args: argparse.Namespace) -> int:
    """The year asked for with --year (default: the only or latest one); --unit must name this document's unit."""
    unit = getattr(args, "unit", None)
    if unit:
        names = [document.department_name] + [row.get("name", "") for row in document.section("units").rows.values()]
        if unit not in names:
            raise CommandError(f"文档中没有单位“{unit}”；本文档的单位：{'、'.join(n for n in dict.fromkeys(names) if n)}")
        if unit != document.department_name:
            raise CommandError(f"本文档按部门“{document.department_name}”汇总填列，不能单独审核所属单位“{unit}”。")
    if args.year is None:
        return document.latest_year().year
    if args.year not in document.years:
        raise CommandError(f"文档中没有 {args.year} 年度（有：{'、'.join(str(y) for y in document.years)}）")
    return args.year


def _print_json(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    print(_NUMBER_MARK.sub(r"\1", text))


SCORE_NUMBERS = ("total", "points", "score", "reported", "reported_total")
_NUMBER_PREFIX = "\u2063number:"  # invisible separator: never part of a score string from the core
_NUMBER_MARK = re.compile(r'"\u2063number:(-?[0-9]+(?:\.[0-9]+)?)"')


def _score_numbers(value: object) -> object:
    """Scores travel as "94.94" strings inside the core; the CLI prints them as JSON numbers,
    digit for digit (marked here, unquoted by _print_json), so no binary float is involved."""
    if isinstance(value, dict):
        return {k: (_as_number(v) if k in SCORE_NUMBERS and isinstance(v, str) else _score_numbers(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_score_numbers(v) for v in value]
    return value


def _as_number(text: str) -> str:
    number = Decimal(text)
    shown = format(number.to_integral_value(), "f") if number == number.to_integral_value() else format(number, "f")
    return _NUMBER_PREFIX + shown


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.document)
    with DocumentFile.open(path, read_only=True) as file:
        document = file.load()
        year = _select_year(document, args)
        findings = check_document(document, year)
        stamp = code_table(year).stamp()  # the table the check used, recorded in the document
        previous = recorded_stamp(file, year)
    if previous != stamp:
        _record_stamp(path, year, stamp)
    totals = counts(findings)
    if args.json:
        _print_json({"findings": [{"rule": f.rule, "severity": f.severity, "location": f.location.key,
                                   "message": f.message, "explanation": f.explanation} for f in findings],
                     "counts": totals, "code_table": stamp.to_json()})
    else:
        for finding in findings:
            explained = f"\n    说明：{finding.explanation}" if finding.explanation else ""
            print(f"[{SEVERITY_LABELS[finding.severity]}] {finding.text}{explained}")
        print(f"审核依据 {stamp.describe()}")
        if previous is not None and previous != stamp:
            print(f"（上次审核依据 {previous.describe()}）")
        print(f"共 {totals['error']} 个错误（强制性）、{totals['warning']} 个提示（需说明）、{totals['info']} 条提示信息")
    return 1 if totals["error"] else 0


def _record_stamp(path: Path, year: int, stamp: object) -> None:
    """Note in the document which code table it was checked against: only under its lock, and
    only in a file of this program's version and format (a check converts nothing)."""
    from desktop.store.docfile import inspect_file
    from desktop.store.lock import DocumentLocked, acquire
    from desktop.store.migrations import latest_version
    try:
        lock = acquire(path)
    except DocumentLocked:
        print("（文档正在编辑，本次审核依据未记入文档）", file=sys.stderr)
        return
    except DocumentFileError:
        return  # a read-only place: the check itself is complete
    try:
        inspection = inspect_file(path)
        if inspection.version != latest_version() or not inspection.wal:
            return
        with DocumentFile.open(path) as file:
            record_stamp(file, year, stamp)
    except DocumentFileError:
        pass
    finally:
        lock.release()


def cmd_codes_import(args: argparse.Namespace) -> None:
    from desktop.io.code_files import read_code_file
    source = Path(args.file)
    if not MIN_YEAR <= args.year <= MAX_YEAR:
        raise CommandError(f"年度 {args.year} 无效：应在 {MIN_YEAR}–{MAX_YEAR} 之间")
    result = read_code_file(source)
    for line in result.summary_lines():
        print(line, file=sys.stderr)
    for problem in result.problems:
        print(f"注意：{problem.describe()}", file=sys.stderr)
    mismatch = result.year_mismatch(args.year, source.name)
    if mismatch:
        print(f"注意：{mismatch}", file=sys.stderr)
    table = save_imported(args.year, result, source.name)
    print(f"已导入 {args.year} 年科目表（{table.source()}），共 {table.entry_count} 条："
          f"{imported_table_path(args.year)}", file=sys.stderr)


def cmd_codes_list(args: argparse.Namespace) -> None:
    infos = list_tables()
    if args.json:
        _print_json([{"year": i.year, "imported": i.imported, "entries": i.entries, "source": i.source,
                      "imported_at": i.imported_at or None, "sha256": i.sha256} for i in infos])
        return
    for info in infos:
        kind = "已导入" if info.imported else "内置"
        date_text = f"，导入于 {info.imported_at}" if info.imported_at else ""
        print(f"{info.year}　{kind}　{info.entries} 条　来源：{info.source}{date_text}　SHA-256 {info.sha256[:12]}")
    if not any(info.imported for info in infos):
        print(f"提示：{INCOMPLETE_HINT}；或使用 fiscaldesk codes import 文件 --year 年度", file=sys.stderr)


def cmd_score(args: argparse.Namespace) -> None:
    from desktop.scoring import score_year
    document = _read_document(Path(args.document))
    scores = score_year(document, _select_year(document, args))
    if args.json:
        _print_json(_score_numbers(scores))
        return
    print(render_scores(scores))


def cmd_narrative(args: argparse.Namespace) -> None:
    from desktop.narrative import generate_narrative
    document = _read_document(Path(args.document))
    sys.stdout.write(generate_narrative(document, _select_year(document, args)).text())


def cmd_summary(args: argparse.Namespace) -> None:
    print(summarize(_read_document(Path(args.document))))


def cmd_gui(args: argparse.Namespace) -> int:
    """The main window on DOC (default: the last document, or the complete example on first run)."""
    from desktop.ui.app import run_gui  # Qt is loaded only for the GUI
    return run_gui(args.document, smoke=args.smoke, screenshot=args.screenshot, startup_probe=args.startup_probe,
                   screen=args.screen)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fiscaldesk", description="FiscalDesk 部门决算公开与绩效自评助手")
    commands = parser.add_subparsers(dest="command")

    sample = commands.add_parser("sample", help="写出内置样例文档")
    sample.add_argument("--seed", type=int, choices=sorted(SAMPLES), default=1,
                        help="公开原文样例：1 门头沟园 2023年度决算公开说明，2 石景山区投促中心 2022年度绩效评价")
    sample.add_argument("--example", action="store_true", help="写出完整示例（审核通过，可导出正式文件），而不是原文样例")
    sample.add_argument("--large", type=_project_count, metavar="项目数",
                        help=f"写出生成的部门规模文档，用于在大文档上试用本程序：指定的项目数（1–{MAX_LARGE_PROJECTS}），"
                             "每个项目 12 项绩效指标，功能分类行数为项目数的 1.5 倍（至多 1200 行），5 个单位；"
                             "数据彼此一致，审核无问题")
    sample.add_argument("-o", "--output", required=True)
    sample.add_argument("--force", action="store_true", help="覆盖已有文件")
    sample.set_defaults(handler=cmd_sample)

    importer = commands.add_parser("import", help="从 Excel 工作簿（.xlsx）或 JSON 导入为新的文档文件")
    importer.add_argument("file")
    importer.add_argument("-o", "--output", required=True)
    importer.add_argument("--force", action="store_true", help="覆盖已有文件")
    importer.set_defaults(handler=cmd_import)

    exporter = commands.add_parser("export", help="导出文档：JSON、Excel、决算公开说明 PDF 或 Word、审核说明 PDF")
    exporter.add_argument("document", nargs="?")
    exporter.add_argument("--format", choices=["json", "xlsx", "pdf", "docx", "audit-pdf"],
                          help="json：交换文件；xlsx：Excel 工作簿（公开格式的表和可导入的填报表）；"
                               "pdf：决算公开说明（有错误或未说明的提示时拒绝导出）；docx：同一份决算公开说明的"
                               " Word 文档（可编辑，同样把关）；audit-pdf：审核说明")
    exporter.add_argument("-o", "--output", required=True)
    exporter.add_argument("--draft", action="store_true", help="草稿（pdf、docx）：有问题也导出，每页加“草稿”水印")
    exporter.add_argument("--force", action="store_true", help="覆盖已有文件（FiscalDesk 文档和输入文件除外）")
    exporter.add_argument("--year", type=int, help="年度（默认：唯一或最新的年度；模板默认上一年）")
    exporter.add_argument("--template", action="store_true", help="导出空白的 Excel 填报模板（可不给文档）")
    exporter.add_argument("--profile", help="模板的方案（默认 beijing-district）")
    exporter.add_argument("--department", help="模板的部门名称")
    exporter.set_defaults(handler=cmd_export, unit=None)

    def selectors(command: argparse.ArgumentParser) -> None:
        command.add_argument("document")
        command.add_argument("--year", type=int, help="年度（默认：唯一或最新的年度）")
        command.add_argument("--unit", help="单位名称（默认：文档的部门）")

    checker = commands.add_parser("check", help="审核：列出错误、提示和提示信息；有错误时退出码为 1")
    selectors(checker)
    checker.add_argument("--json", action="store_true", help="以 JSON 输出")
    checker.set_defaults(handler=cmd_check)

    scorer = commands.add_parser("score", help="计算项目自评和部门整体绩效评价得分")
    selectors(scorer)
    scorer.add_argument("--json", action="store_true", help="以 JSON 输出")
    scorer.set_defaults(handler=cmd_score)

    narrator = commands.add_parser("narrative", help="输出由表格生成的说明文字（UTF-8）")
    selectors(narrator)
    narrator.set_defaults(handler=cmd_narrative)

    codes = commands.add_parser("codes", help="科目表：导入财政部门下发的政府收支分类科目，或列出各年度使用的科目表")
    code_commands = codes.add_subparsers(dest="codes_command", required=True)
    code_import = code_commands.add_parser(
        "import", help="导入某年度的官方科目表（.xlsx 或 .csv，含“科目编码”“科目名称”两列），本机所有文档使用")
    code_import.add_argument("file")
    code_import.add_argument("--year", type=int, required=True, help="科目表的年度")
    code_import.set_defaults(handler=cmd_codes_import)
    code_list = code_commands.add_parser("list", help="列出各年度的科目表：内置或已导入、条数、来源、导入日期")
    code_list.add_argument("--json", action="store_true", help="以 JSON 输出")
    code_list.set_defaults(handler=cmd_codes_list)

    summary = commands.add_parser("summary", help="显示文档概要")
    summary.add_argument("document")
    summary.set_defaults(handler=cmd_summary)

    gui = commands.add_parser("gui", aliases=["run"], help="打开主窗口（默认：上次的文档，首次运行时为内置样例）")
    gui.add_argument("document", nargs="?")
    gui.add_argument("--smoke", action="store_true",
                     help="冒烟测试（无界面）：在临时文件夹中用内置样例（或 DOCUMENT 的副本）打开窗口，编辑、审核、"
                          "评分、导出 PDF、Word 和 Excel 并检查结果；通过时退出码为 0")
    gui.add_argument("--screenshot", metavar="DIR", help="为每个标签页保存一张 PNG 截图后退出")
    gui.add_argument("--screen", metavar="宽x高[@缩放]", default="1366x768",
                     help="截图所用的屏幕，例如 1366x768 或 1920x1080@1.25（125%% 缩放）；默认 1366x768")
    gui.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)  # `make bench`: start-up time
    gui.set_defaults(handler=cmd_gui)
    parser.set_defaults(command_names=frozenset(commands.choices))
    return parser


def _with_command(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`fiscaldesk`, `FiscalDesk.exe 文档.fdesk` and `FiscalDesk --smoke` mean the window: the
    executable is double-clicked, opened with a document by Explorer, or smoke-tested by CI."""
    if argv and (argv[0] in parser.get_default("command_names") or argv[0] in ("-h", "--help")):
        return argv
    return ["gui", *argv]


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # UTF-8 on every platform, also when redirected on Windows
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(_with_command(parser, list(sys.argv[1:] if argv is None else argv)))
    try:
        status = args.handler(args)
    except (CommandError, DocumentFileError, JsonImportError, DocumentError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        from desktop.oserrors import describe
        where = f"“{exc.filename}”" if exc.filename else "文件"
        print(f"错误：无法读写{where}（{describe(exc)}）。", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"错误：读写文档时出错（{exc}）。", file=sys.stderr)
        return 1
    return status or 0
