"""The headless commands behind `fiscaldesk …` (desktop.cli parses the command line and calls them).

Apart from the parser so that `fiscaldesk` with no command, or with a document, reaches the
window without loading what only these commands use: the JSON reader, the 审核 engine, the
summary and the document file (the window loads those with its first document, after its
first paint).

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
from desktop.domain.sources import Source, record_everywhere
from desktop.io.jsonio import JsonImportError, read_json, write_json
from desktop.io.samples import load_example, load_sample
from desktop.rules.engine import check_document
from desktop.rules.unit_engine import check_units
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


def cmd_sample(args: argparse.Namespace) -> int | None:
    if args.units is not None and args.large is None:
        print("错误：--units 只能与 --large 同用。", file=sys.stderr)
        return 2
    if args.large is not None:
        return _write_large(args)
    if args.example:
        _write_document(load_example(), Path(args.output), args.force)
        print(f"已写入完整示例：{args.output}", file=sys.stderr)
        return
    _write_document(load_sample(args.seed), Path(args.output), args.force)
    print(f"已写入样例 {args.seed}：{args.output}", file=sys.stderr)


def _write_large(args: argparse.Namespace) -> int | None:
    """A generated department-sized document (consistent figures, no 审核 finding)."""
    from desktop.synthetic import build_document, large_proportions
    if args.example:
        print("错误：--large 与 --example 不能同时使用。", file=sys.stderr)
        return 2
    proportions = large_proportions(args.large)
    per_unit = args.units is not None
    if per_unit:
        proportions["units"] = args.units
    _write_document(build_document(**proportions, per_unit=per_unit), Path(args.output), args.force)
    entered = "，各单位分别填报，部门数为各单位汇总" if per_unit else ""
    print(f"已写入生成的文档（{proportions['projects']} 个项目、{proportions['functional_rows']} 行功能分类、"
          f"{proportions['units']} 个单位{entered}）：{args.output}", file=sys.stderr)
    return None


def cmd_import(args: argparse.Namespace) -> None:
    from desktop.store.replacing import refuse_existing
    source = Path(args.file)
    output = Path(args.output)
    refuse_existing(output, args.force, [source])  # before reading: a refused import reads nothing
    suffix = source.suffix.lower()
    if args.official:
        document = _import_official(args, source)
    elif suffix == ".json":
        document = read_json(source)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        from desktop.io.xlsx import drop_unmatched, read_xlsx  # openpyxl only when importing a workbook
        result = read_xlsx(source)
        notes = drop_unmatched(result.document, result.year, result.explanation_cells)
        for warning in result.warnings + notes:
            print(f"注意：{warning}", file=sys.stderr)
        document = result.document
        record_everywhere(document, Source("workbook", f"“{source.name}”"))
    else:
        raise CommandError(f"“{source.name}”：只能导入 Excel 工作簿（.xlsx）或 FiscalDesk JSON 文件（.json）。")
    _write_document(document, output, args.force, (source,))
    print(f"已导入：{args.output}", file=sys.stderr)


def _import_official(args: argparse.Namespace, source: Path) -> Document:
    """A new document from a workbook of 公开 tables; the differences and notes go to stderr."""
    from desktop.io.official import OfficialImportError, new_from_official
    profile = args.profile or DEFAULT_PROFILE
    if profile not in available_profiles():
        raise CommandError(f"未知的方案“{profile}”（可用：{'、'.join(sorted(available_profiles()))}）")
    if source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise CommandError(f"“{source.name}”：--official 只能导入 Excel 工作簿（.xlsx）。")
    try:
        result = new_from_official(source, profile, args.department, args.year)
    except OfficialImportError as exc:
        raise CommandError(str(exc)) from None
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return result.document


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
        document, year = _selected(document, args)
        result = export_xlsx(document, output, year=year)
        print(f"已导出 Excel 工作簿（{result.sheets} 张工作表）：{output}", file=sys.stderr)
        return
    if args.format == "json":
        if args.unit:
            raise CommandError("JSON 交换文件是整个文档（部门及各单位），不能只导出一个单位；请去掉 --unit。")
        write_json(document, output)
        print(f"已导出：{output}", file=sys.stderr)
        return
    from desktop.io.export import ExportRefused
    document, year = _selected(document, args)
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


def _selected(document: Document, args: argparse.Namespace) -> tuple[Document, int]:
    """The document as --unit asks (a unit's own 单位决算公开, the 本级's too; by default the
    department's 汇总) and the year of --year."""
    from desktop.domain.department_units import find_unit, unit_publication
    year = _select_year(document, args)
    wanted = getattr(args, "unit", None)
    if not wanted:
        return document, year
    try:
        unit = find_unit(document, wanted)
    except DocumentError as exc:
        if wanted.strip() == document.department_name:  # a department without a units table
            return document, year
        raise CommandError(str(exc)) from None
    return unit_publication(document, year, unit), year


def _select_year(document: Document, args: argparse.Namespace) -> int:
    """The year asked for with --year (default: the only or latest one)."""
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
        whole = file.load()
        document, year = _selected(whole, args)
        # the department: its 汇总 and each unit entered on its own; a unit: what its 公开 is checked for
        findings = check_units(whole, year) if document is whole else check_document(document, year)
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
    from desktop.store.docfile import inspect_file, wants_wal
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
        if inspection.version != latest_version() or inspection.wal != wants_wal(path):
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


def cmd_checklist(args: argparse.Namespace) -> int:
    """公开清单; exit status 1 while the department or a unit is not ready to publish."""
    from desktop.publication.checklist import checklist
    document = _read_document(Path(args.document))
    year = _select_year(document, args)
    listed = checklist(document, year)
    today = date.today()
    if args.json:
        _print_json({"year": year, "approval_date": listed.approval.isoformat() if listed.approval else None,
                     "deadline": listed.deadline.isoformat() if listed.deadline else None,
                     "deadline_text": listed.deadline_text(today),
                     "publishers": [{"name": row.name, "unit": row.unit.id if row.unit else None, "ready": row.ready,
                                     "checks": [{"item": c.label, "passed": c.passed, "detail": c.detail}
                                                for c in row.checks],
                                     "gate_open": row.gate_open, "exported_on": row.exported_on or None,
                                     "exported_file": row.exported_file or None,
                                     "published_on": row.published_on.isoformat() if row.published_on else None}
                                    for row in listed.rows]})
    else:
        print(listed.deadline_text(today))
        for row in listed.rows:
            state = "可公开" if row.ready else "未完成"
            print(f"[{state}] {row.name}")
            for check in row.checks:
                print(f"    {check.text}")
            print(f"    导出检查：{'通过' if row.gate_open else '未通过'}；最近导出正式文件："
                  f"{(row.exported_on + ' ' + row.exported_file).strip() or '未导出'}；公开日期："
                  f"{row.published_on.isoformat() if row.published_on else (row.published_problem or '未公开')}")
    return 0 if all(row.ready for row in listed.rows) else 1


def cmd_score(args: argparse.Namespace) -> None:
    from desktop.scoring import score_year
    document = _read_document(Path(args.document))
    document, year = _selected(document, args)
    if document.publisher != "department":
        raise CommandError("绩效评价（部门整体和项目自评）按部门计分，不分单位；请去掉 --unit。")
    scores = score_year(document, year)
    if args.json:
        _print_json(_score_numbers(scores))
        return
    print(render_scores(scores))


def cmd_narrative(args: argparse.Namespace) -> None:
    from desktop.narrative import generate_narrative
    document = _read_document(Path(args.document))
    document, year = _selected(document, args)
    sys.stdout.write(generate_narrative(document, year).text())


def cmd_check_text(args: argparse.Namespace) -> int:
    """核对说明; exit status 1 when a figure is wrong or an error-level problem is found."""
    from desktop.io.text_sources import read_paragraphs
    from desktop.review.checker import STATUS_NAMES, check_text
    from desktop.review.reference import build_reference
    document, year = _selected(_read_document(Path(args.document)), args)
    paragraphs = read_paragraphs(args.file)
    report = check_text(paragraphs, build_reference(document, year), Path(args.file).name)
    if args.json:
        _print_json({
            "source": report.source, "year": year,
            "counts": {"found": report.found, "checked": report.checked, "matched": report.count("matched"),
                       "wrong": report.count("wrong"), "unplaced": report.count("unplaced")},
            "findings": [{"rule": f.rule, "severity": f.severity, "message": f.message,
                          "sentence": f.sentence.text if f.sentence else None,
                          "place": f.sentence.place if f.sentence else None} for f in report.findings],
            "figures": [{"figure": r.claim.figure.text, "subject": r.claim.subject, "role": r.claim.role,
                         "status": r.status, "expected": r.expected or None, "reason": r.reason,
                         "sentence": r.sentence.text, "place": r.sentence.place} for r in report.figures]})
    else:
        for finding in report.findings:
            where = f"（{finding.sentence.place}）\n    “{finding.sentence.text}”" if finding.sentence else ""
            print(f"[{finding.rule} {SEVERITY_LABELS[finding.severity]}] {finding.message}{where}")
        unplaced = [r for r in report.figures if r.status == "unplaced"]
        if unplaced:
            print(f"{STATUS_NAMES['unplaced']}的数字：")
            for result in unplaced:
                print(f"  {result.claim.figure.text}：{result.reason}（{result.sentence.place}）")
        print(report.summary())
    return 1 if report.count("wrong") or any(f.severity == "error" for f in report.findings) else 0


def cmd_summary(args: argparse.Namespace) -> None:
    print(summarize(_read_document(Path(args.document))))



def error_message(exc: Exception) -> str | None:
    """What `fiscaldesk` prints when an operation is refused (exit status 1): bad input, a damaged
    or locked file, a file that cannot be read or written. None for anything else (a bug), whose
    traceback is shown as it is."""
    from desktop.io.pdf.fonts import FontError
    if isinstance(exc, (CommandError, DocumentFileError, JsonImportError, DocumentError, ValueError, FontError)):
        return f"错误：{exc}"
    if isinstance(exc, OSError):
        from desktop.oserrors import describe
        where = f"“{exc.filename}”" if exc.filename else "文件"
        return f"错误：无法读写{where}（{describe(exc)}）。"
    if isinstance(exc, sqlite3.Error):
        return f"错误：读写文档时出错（{exc}）。"
    return None
