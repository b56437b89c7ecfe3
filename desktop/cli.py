"""The command line: the same operations as the GUI, headless (`fiscaldesk …`, `python -m desktop`).

Messages go to stderr in Chinese; the exit status is 0 on success, 1 when the operation was
refused (bad input, damaged file, a document being edited), 2 for wrong usage, 3 for a failure
that is the program's own fault: never a traceback on the screen, always one in the log
(desktop.logs).

This module only parses the command line: the commands themselves are in desktop.commands,
loaded when one runs, so that the window (no command, or a document as the only argument)
starts without them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from desktop.io.samples import SAMPLES
from desktop.logs import start_logging

INTERNAL_ERROR = 3  # exit status of a failure that is the program's fault (its traceback is in the log)


MAX_LARGE_PROJECTS = 5000
MAX_UNITS = 60  # Beijing departments have up to about 30 units


def _count_between(low: int, high: int, what: str):
    """An argument type: a whole number within [low, high], else a usage error naming `what` (exit 2)."""
    def parse(text: str) -> int:
        try:
            count = int(text)
        except ValueError:
            count = 0
        if not low <= count <= high:
            raise argparse.ArgumentTypeError(f"{what}“{text}”无效：应为 {low}–{high} 之间的整数")
        return count
    return parse


_unit_count = _count_between(2, MAX_UNITS, "单位数")  # --units: the 本级 and at least one 所属单位
_project_count = _count_between(1, MAX_LARGE_PROJECTS, "项目数")  # --large: projects a department could have


def _headless(name: str) -> Callable[[argparse.Namespace], int | None]:
    """The command `name` of desktop.commands, loaded when it runs (never for the window)."""
    def run(args: argparse.Namespace) -> int | None:
        from desktop import commands
        return getattr(commands, name)(args)
    return run


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
    sample.add_argument("--units", type=_unit_count, metavar="单位数",
                        help=f"与 --large 同用：部门的单位数（本级和所属单位，2–{MAX_UNITS}），各单位分别填报"
                             "（每个单位的表自身一致），部门的表为各单位的汇总")
    sample.add_argument("-o", "--output", required=True)
    sample.add_argument("--force", action="store_true", help="覆盖已有文件")
    sample.set_defaults(handler=_headless("cmd_sample"))

    importer = commands.add_parser("import", help="从 Excel 工作簿（.xlsx）或 JSON 导入为新的文档文件")
    importer.add_argument("file")
    importer.add_argument("-o", "--output", required=True)
    importer.add_argument("--force", action="store_true", help="覆盖已有文件")
    importer.add_argument("--official", action="store_true",
                          help="工作簿是公开报表（决算软件、一体化系统导出或财政局模板），按表标题找到各表并导入第一部分的数据")
    importer.add_argument("--profile", help="与 --official 同用：新文档的方案（默认 beijing-district）")
    importer.add_argument("--department", default="", help="与 --official 同用：部门名称（默认取报表的编制单位）")
    importer.add_argument("--year", type=int, help="与 --official 同用：年度（默认取报表标题中的年度）")
    importer.set_defaults(handler=_headless("cmd_import"))

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
    exporter.add_argument("--unit", help="单位名称：导出该单位的单位决算公开（pdf、docx、xlsx、audit-pdf；默认：部门汇总）")
    exporter.set_defaults(handler=_headless("cmd_export"))

    def selectors(command: argparse.ArgumentParser) -> None:
        command.add_argument("document")
        command.add_argument("--year", type=int, help="年度（默认：唯一或最新的年度）")
        command.add_argument("--unit", help="单位名称：只看该单位（默认：部门汇总；审核时还列出各单位的问题）")

    checker = commands.add_parser("check", help="审核：列出错误、提示和提示信息；有错误时退出码为 1")
    selectors(checker)
    checker.add_argument("--json", action="store_true", help="以 JSON 输出")
    checker.set_defaults(handler=_headless("cmd_check"))

    scorer = commands.add_parser("score", help="计算项目自评和部门整体绩效评价得分")
    selectors(scorer)
    scorer.add_argument("--json", action="store_true", help="以 JSON 输出")
    scorer.set_defaults(handler=_headless("cmd_score"))

    narrator = commands.add_parser("narrative", help="输出由表格生成的说明文字（UTF-8）")
    selectors(narrator)
    narrator.set_defaults(handler=_headless("cmd_narrative"))

    text_checker = commands.add_parser("check-text", help="核对说明：把说明文字（.docx、.txt 或 PDF）中的每个数字与表格核对")
    selectors(text_checker)
    text_checker.add_argument("file", help="要核对的说明：Word 文档（.docx）、文本文件（.txt，UTF-8 或 GB18030）或 PDF")
    text_checker.add_argument("--json", action="store_true", help="以 JSON 输出")
    text_checker.set_defaults(handler=_headless("cmd_check_text"))

    listing = commands.add_parser("checklist", help="公开清单：部门和各单位的报表、三公、名词解释、绩效、导出检查、公开日期和公开期限")
    listing.add_argument("document")
    listing.add_argument("--year", type=int, help="年度（默认：唯一或最新的年度）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=_headless("cmd_checklist"))

    codes = commands.add_parser("codes", help="科目表：导入财政部门下发的政府收支分类科目，或列出各年度使用的科目表")
    code_commands = codes.add_subparsers(dest="codes_command", required=True)
    code_import = code_commands.add_parser(
        "import", help="导入某年度的官方科目表（.xlsx 或 .csv，含“科目编码”“科目名称”两列），本机所有文档使用")
    code_import.add_argument("file")
    code_import.add_argument("--year", type=int, required=True, help="科目表的年度")
    code_import.set_defaults(handler=_headless("cmd_codes_import"))
    code_list = code_commands.add_parser("list", help="列出各年度的科目表：内置或已导入、条数、来源、导入日期")
    code_list.add_argument("--json", action="store_true", help="以 JSON 输出")
    code_list.set_defaults(handler=_headless("cmd_codes_list"))

    summary = commands.add_parser("summary", help="显示文档概要")
    summary.add_argument("document")
    summary.set_defaults(handler=_headless("cmd_summary"))

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
    arguments = _with_command(parser, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(arguments)
    log_file = start_logging()
    try:
        status = args.handler(args)
    except Exception as exc:
        from desktop.commands import error_message
        message = error_message(exc)
        if message is None:  # a bug: the clerk gets a sentence, IT the traceback
            logging.getLogger("desktop.cli").exception("fiscaldesk %s 失败", " ".join(arguments))
            print(f"错误：程序内部错误（{type(exc).__name__}: {exc}）。详细信息已写入日志：{log_file}",
                  file=sys.stderr)
            return INTERNAL_ERROR
        logging.getLogger("desktop.cli").info("%s", message)
        print(message, file=sys.stderr)
        return 1
    return status or 0
