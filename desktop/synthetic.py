"""A consistent synthetic document of any size, for benchmarks and for tests of the rules.

Every figure agrees with every other, so a freshly built document has no 审核 finding at all:
a test can break one figure and expect exactly one rule to fire, and a benchmark can scale the
document up (200 projects × 12 indicators, 300 功能分类 rows, 5 units) and still be realistic.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.codes import code_table
from desktop.domain.department_units import reporting_units, split_year, summarise
from desktop.domain.document import Document, SectionData, YearData
from desktop.domain.money import Money

PROJECT_INDICATORS = (  # level1, level2, level3, nature, target, unit, actual, points
    ("产出指标", "数量指标", "完成调研报告", "≥", "4", "项", "4", "10"),
    ("产出指标", "数量指标", "服务企业数量", "≥", "120", "家", "126", "10"),
    ("产出指标", "质量指标", "验收合格率", "≥", "95", "%", "100", "10"),
    ("产出指标", "时效指标", "完成时间", "≤", "12", "月", "12", "10"),
    ("产出指标", "成本指标", "项目成本控制", "≤", "100", "%", "98", "5"),
    ("产出指标", "质量指标", "资料归档完整", "定性", "优良中低差", "", "优", "5"),
    ("效益指标", "社会效益", "政策知晓度", "≥", "90", "%", "93", "10"),
    ("效益指标", "经济效益", "带动投资额", "≥", "2", "亿元", "2.5", "10"),
    ("效益指标", "可持续影响", "长效机制建立", "定性", "高中低", "", "高", "5"),
    ("效益指标", "生态效益", "节能降耗", "≥", "5", "%", "6", "5"),
    ("满意度指标", "服务对象满意度", "企业满意度", "≥", "95", "%", "97", "5"),
    ("满意度指标", "服务对象满意度", "群众满意度", "≥", "90", "%", "92", "5"),
)
DEPT_INDICATORS = (  # category, name, nature, target, unit, weight, actual
    ("产出", "完成重点任务", "≥", "10", "项", "20", "11"),
    ("产出", "任务按时完成率", "≥", "95", "%", "20", "100"),
    ("产出", "资金支付及时", "≤", "12", "月", "10", "12"),
    ("效果", "服务对象满意度", "≥", "90", "%", "25", "95"),
    ("效果", "区域影响力", "定性", "优良中低差", "", "25", "优"),
)
MAX_FUNCTIONAL_ROWS = 1200  # 5 类 × 3 款 × up to 99 项 each


def _money(yuan: int | str) -> Money:
    return Money.from_yuan(Decimal(yuan))


def build_document(projects: int = 2, functional_rows: int = 12, units: int = 2, year: int = 2023,
                   name: str = "示例区科学技术委员会", indicator_warnings: bool = False,
                   per_unit: bool = False) -> Document:
    """A document whose every identity, cross-table rule and review check holds.

    With `indicator_warnings` every project indicator raises one 提示性 warning awaiting an
    explanation (12 per project: 2,400 at 200 projects), the load a department's 审核 panel
    carries before the explanations are written; the benchmarks measure edits under it.
    With `per_unit` the year is entered per unit: each unit's tables are a consistent department
    of their own (the 功能分类 rows shared out among them) and the department's are their 汇总."""
    document = Document.new(name, year)
    data = document.year(year)
    _units(document, units)
    _basic_info(data, units)
    if per_unit:
        basic, project = _per_unit_figures(document, data, year, functional_rows)
    else:
        basic, project = _functional(data, year, functional_rows)
        salaries, public = _economic(data, year, basic, project)
        _staff(data, salaries)
        _accounts(data, basic, project)
        _other_matters(data, units, public)
    _performance(data, basic + project, project, projects, indicator_warnings)
    return document


def _per_unit_figures(document: Document, data: YearData, year: int, rows: int) -> tuple[Money, Money]:
    """Each unit's 决算 tables and head counts, built as a department of its own with its share of
    the 功能分类 rows (units of different sizes, sharing the common codes), and the department's
    汇总. Returns the 汇总's 基本支出 and 项目支出."""
    split_year(document, data)
    units = reporting_units(document)
    sums = [Money(0)] * 2
    for index, unit in enumerate(units):
        scratch = Document.new(unit.name, year).year(year)
        _basic_info(scratch, 1)  # a unit's own accounts have no 下设单位
        basic, project = _functional(scratch, year, max(25, rows // len(units)) + 2 * index)  # 25: one 项 per 款
        salaries, public = _economic(scratch, year, basic, project)
        _staff(scratch, salaries)
        _accounts(scratch, basic, project)
        _other_matters(scratch, 1, public)
        details = scratch.section("sangong_details")
        details.set("scope_admin_units", 1 if unit.home else 0)
        details.set("scope_institution_units", 0 if unit.home else 1)
        for key in document.schema.per_unit_keys:
            data.unit_section(unit.id, key).rows = scratch.section(key).rows
            if unit.home and scratch.section(key).section.kind != "table" and key != "basic_info":  # its 说明
                for row_id, column, value in scratch.section(key).cells():
                    if not scratch.section(key).section.column(column).summed_across_units:
                        data.section(key).set_value(row_id, column, value)
        sums = [sums[0] + basic, sums[1] + project]
    summarise(document, data)
    return sums[0], sums[1]


def large_proportions(projects: int) -> dict[str, int]:
    """A department of `projects` projects (`fiscaldesk sample --large`, bench/scaling.py):
    功能分类 rows 1.5 × the projects (at least 12, at most MAX_FUNCTIONAL_ROWS) and 5 units."""
    return {"projects": projects, "functional_rows": min(max(12, projects * 3 // 2), MAX_FUNCTIONAL_ROWS), "units": 5}


def _units(document: Document, count: int) -> None:
    table = document.section("units")
    table.add_row({"name": document.department_name, "kind": "行政单位", "role": "本级"})
    for index in range(1, count):
        table.add_row({"name": f"所属服务中心{index}", "kind": "参照公务员法管理事业单位", "role": "所属单位"})


def _basic_info(data: YearData, units: int) -> None:
    info = data.section("basic_info")
    for key, value in (("responsibilities", "负责全区科技创新政策的研究拟订和组织实施。"),
                       ("internal_department_count", 3), ("subordinate_unit_count", units - 1),
                       ("retired_total", 5), ("retired_lixiu", 0),
                       ("retired_admin", 3), ("retired_institution", 2), ("other_staff_total", 4)):
        info.set(key, value)
    info.set("main_tasks", "围绕科技创新中心建设，组织实施科技计划项目，推动科技成果转化，优化科技服务。")
    for department in ("综合办公室", "计划财务科", "科技发展科"):
        data.section("internal_departments").add_row({"name": department, "duties": f"{department}负责本科室职责范围内的工作。"})
    data.section("other_staff").add_row({"category": "劳务派遣", "count": 4})


def _staff(data: YearData, salaries: Money) -> None:
    """Head counts that give a plausible 人均工资福利 (about 200,000 元)."""
    staff = max(2, int(salaries.yuan // 200_000))
    info = data.section("basic_info")
    for key, value in (("admin_quota", staff + 2), ("admin_actual", staff), ("institution_quota", 0),
                       ("institution_actual", 0)):
        info.set(key, value)


def _functional(data: YearData, year: int, rows: int) -> tuple[Money, Money]:
    """功能分类 类/款/项 rows in tables 3 and 5 (and 2): returns the 基本, 项目 totals."""
    table = code_table(year)
    classes = ("201", "206", "208", "210", "221")
    per_class = 2 if rows <= 1000 else 3  # a 款 holds at most 99 项 (7-digit codes)
    tree: list[tuple[str, str, list[tuple[str, str]]]] = []
    for class_code in classes:
        for kuan in table.children("functional", class_code)[:per_class]:
            tree.append((class_code, kuan.code, []))
    index = 0
    while sum(1 + len(items) for _, _, items in tree) + len(classes) < rows or index < len(tree):
        class_code, kuan, items = tree[index % len(tree)]
        code = f"{kuan}{len(items) + 1:02d}"
        known = table.lookup("functional", code)
        items.append((code, known.name if known else f"{table.lookup('functional', kuan).name}项目{len(items) + 1}"))
        index += 1
    sections = (data.section("gp_functional"), data.section("functional_expenditure"), data.section("functional_income"))
    basic_total = project_total = Money(0)
    for class_code in classes:
        class_rows = [(k, items) for c, k, items in tree if c == class_code]
        class_basic = class_project = Money(0)
        entries = []
        for kuan, items in class_rows:
            item_amounts = [(code, item_name, _money(100_000 + 7_919 * (n + 1) + len(code)), _money(250_000 + 13_007 * (n + 1)))
                            for n, (code, item_name) in enumerate(items)]
            kuan_basic = Money(sum(b.fen for _, _, b, _ in item_amounts))
            kuan_project = Money(sum(p.fen for _, _, _, p in item_amounts))
            entries.append((kuan, table.lookup("functional", kuan).name, kuan_basic, kuan_project))
            entries += item_amounts
            class_basic, class_project = class_basic + kuan_basic, class_project + kuan_project
        entries.insert(0, (class_code, table.lookup("functional", class_code).name, class_basic, class_project))
        for code, name, basic, project in entries:
            total = basic + project
            budget = Money(total.fen - total.fen // 10)
            data.section("gp_functional").add_row({"code": code, "name": name, "budget": budget, "basic": basic,
                                                   "project": project, "total": total, "reason": "年中追加专项工作经费。"})
            data.section("functional_expenditure").add_row({"code": code, "name": name, "total": total, "basic": basic,
                                                            "project": project})
            data.section("functional_income").add_row({"code": code, "name": name, "total": total, "fiscal": total})
        basic_total, project_total = basic_total + class_basic, project_total + class_project
    del sections
    return basic_total, project_total


def _economic(data: YearData, year: int, basic: Money, project: Money) -> tuple[Money, Money]:
    """基本/项目支出 by 经济分类; returns (工资福利, 公用经费) of the 基本支出."""
    table = code_table(year)
    def name(code: str) -> str:
        return table.lookup("economic", code).name
    salaries = Money(basic.fen * 6 // 10)
    public = Money(basic.fen - salaries.fen - 100_000)
    capital = Money(100_000)
    office, vehicles = Money(public.fen // 2), Money(30_000_00)
    other_public = Money(public.fen - office.fen - vehicles.fen)
    basic_rows = [("301", salaries), ("302", public), ("30201", office), ("30231", vehicles), ("30299", other_public),
                  ("310", capital)]
    for code, amount in basic_rows:
        data.section("gp_basic_economic").add_row({"code": code, "name": name(code), "budget": amount, "actual": amount})
    services = Money(project.fen - 500_000)
    for code, amount in (("302", services), ("310", Money(500_000))):
        data.section("gp_project_economic").add_row({"code": code, "name": name(code), "budget": amount, "actual": amount})
    return salaries, public + capital


def _fill(grid: SectionData, row: str, column: str, value: Money) -> None:
    """Set a grid cell the clerk fills; a computed total (合计, 总计) is left to the grid."""
    if not grid.section.is_computed(row, column):
        grid.set_value(row, column, value)


def _accounts(data: YearData, basic: Money, project: Money) -> None:
    total = basic + project
    prior = Money(total.fen * 9 // 10)
    opening, closing = _money(200_000), _money(150_000)
    grid = data.section("income_expenditure")
    values = {
        "income_gp": (total, prior), "income_fund": (Money(0), Money(0)), "income_soe": (Money(0), Money(0)),
        "income_superior": (Money(0), Money(0)), "income_business": (Money(0), Money(0)),
        "income_operating": (Money(0), Money(0)), "income_affiliated": (Money(0), Money(0)),
        "income_other": (Money(0), Money(0)), "income_total": (total, prior),
        "use_nonfiscal_balance": (Money(0), Money(0)), "opening_balance": (opening, opening),
        "income_grand_total": (total + opening, prior + opening),
        "expenditure_basic": (basic, Money(prior.fen // 5)), "expenditure_project": (project, Money(prior.fen - prior.fen // 5)),
        "expenditure_superior": (Money(0), Money(0)), "expenditure_operating": (Money(0), Money(0)),
        "expenditure_affiliated": (Money(0), Money(0)), "expenditure_total": (total, prior),
        "balance_distribution": (Money(0), Money(0)), "closing_balance": (closing + Money(50_000_00), opening),
        "expenditure_grand_total": (total + opening, prior + opening),
    }
    for row, (current, last) in values.items():
        _fill(grid, row, "current", current)
        _fill(grid, row, "prior", last)
    summary = data.section("fiscal_summary")
    rows = {"gp": (opening, total, total, opening), "fund": (Money(0),) * 4, "soe": (Money(0),) * 4}
    rows["total"] = rows["gp"]
    for row, (start, income, spent, _) in rows.items():
        end = start + income - spent
        for column, value in (("opening_balance", start), ("income", income), ("expenditure", spent),
                              ("closing_balance", end)):
            _fill(summary, row, column, value)
    summary.set_value("total", "prior_grand_total", prior + opening)
    data.section("narrative").set("fiscal_change_reason", "重点科技项目经费增加。")
    data.section("narrative").set("key_projects", "本部门无金额超部门项目总金额50%的重点项目。")
    data.section("narrative").set("fee_items", "本年度无此项经费收入。")


def _other_matters(data: YearData, units: int, public_funds: Money) -> None:
    _sangong(data, units)
    cost = data.section("admin_operating_cost")
    cost.set("current", public_funds)
    cost.set("prior", Money(public_funds.fen * 19 // 20))
    cost.set("reason", "办公用房物业费标准调整。")
    procurement = data.section("procurement")
    for key, value in (("goods", 600_000), ("works", 0), ("services", 1_400_000),
                       ("sme", 1_500_000), ("small_micro", 900_000)):
        procurement.set(key, _money(value))
    data.section("purchased_services_summary").set("total", _money(1_200_000))
    for item, amount in (("技术咨询服务", 700_000), ("会务服务", 500_000)):
        data.section("purchased_services").add_row({"item": item, "amount": _money(amount)})
    assets = data.section("assets")
    for key, value in (("fixed_assets_total", _money(3_500_000)), ("building_area", Decimal("0")),
                       ("building_amount", _money(0)), ("vehicle_count", 3), ("vehicle_amount", _money(540_000)),
                       ("large_equipment_count", 0)):
        assets.set(key, value)


def _sangong(data: YearData, units: int) -> None:
    """Every item, quantity and reason of the 三公 filled: 因公出国 and 公务接待 spent, no car bought,
    three cars kept (by 车型), each figure at or below its budget and last year's (W-01)."""
    sangong = data.section("sangong")
    figures = {"abroad": (20_000, 15_000, 18_000), "vehicle_purchase": (0, 0, 0),
               "vehicle_operation": (40_000, 30_000, 32_000), "reception": (6_000, 4_000, 5_000)}
    figures["vehicle"] = tuple(a + b for a, b in zip(figures["vehicle_purchase"], figures["vehicle_operation"]))
    figures["total"] = tuple(a + b + c for a, b, c in zip(figures["abroad"], figures["vehicle"], figures["reception"]))
    for row, (budget, actual, prior) in figures.items():
        for column, value in (("budget", budget), ("actual", actual), ("prior_actual", prior)):
            _fill(sangong, row, column, _money(value))
        if budget != actual:
            sangong.set_value(row, "reason", "厉行节约，压减公务支出。")
        if prior != actual:
            sangong.set_value(row, "prior_reason", "严控公务活动规模，支出较上年减少。")
    details = data.section("sangong_details")
    for key, value in (("scope_admin_units", 1), ("scope_institution_units", units - 1),
                       ("abroad_groups", 1), ("abroad_people", 3), ("vehicles_purchased", 0), ("vehicle_stock", 3),
                       ("vehicle_stock_prior", 3), ("operation_fuel", _money(18_000)), ("operation_repair", _money(6_000)),
                       ("operation_insurance", _money(4_000)), ("operation_other", _money(2_000))):
        details.set(key, value)
    for kind, stock in (("执法执勤用车", 2), ("其他用车", 1)):
        data.section("sangong_vehicles").add_row({"type": kind, "purchased": 0, "stock": stock})
    reception = data.section("sangong_reception")
    for row, (amount, batches, people) in (("domestic", (3_000, 4, 26)), ("foreign", (1_000, 1, 5))):
        for column, value in (("amount", _money(amount)), ("batches", batches), ("people", people)):
            reception.set_value(row, column, value)


def _performance(data: YearData, total: Money, project_total: Money, projects: int,
                 indicator_warnings: bool = False) -> None:
    execution = data.section("dept_budget_execution")
    basic = total - project_total
    for row, amount in (("basic", basic), ("project", project_total), ("other", Money(0)), ("total", total)):
        for column, value in (("initial_budget", amount), ("adjustment", Money(0)), ("full_year_budget", amount),
                              ("executed", amount)):
            _fill(execution, row, column, value)
    balance = data.section("dept_balance")
    for key, value in (("expenditure_budget", total), ("executed", total), ("closing_balance", Money(0)),
                       ("prior_expenditure_budget", Money(total.fen * 9 // 10)), ("prior_closing_balance", _money(50_000))):
        balance.set(key, value)
    variance = data.section("budget_variance")
    increase = Money(total.fen // 10)
    variance.set("initial_budget", total - increase)
    variance.set("increase", increase)
    variance.set("adjusted_budget", total)
    variance.set("reason", "年中追加科技专项资金。")
    data.section("budget_variance_items").add_row({"code": "206", "name": "科学技术支出", "increase": increase})
    for group, (category, name, nature, target, unit, weight, actual) in enumerate(DEPT_INDICATORS, start=1):
        data.section("dept_indicators").add_row({"category": category, "group": group, "name": name, "nature": nature,
                                                 "target": target, "unit": unit, "weight": Decimal(weight),
                                                 "planned": target, "actual": actual})
    _projects(data, project_total, projects, indicator_warnings)
    management = data.section("performance_management")
    for key in ("target_projects", "target_disclosed_projects", "monitored_projects", "self_eval_projects"):
        management.set(key, projects)
    management.set("self_eval_amount", project_total)
    for key, text in (("financial_management", "已建立财务管理制度，资金使用和审批流程规范。"),
                      ("asset_management", "已建立资产管理制度，资产账实相符。"),
                      ("performance_system", "已制定预算绩效管理办法，开展事前评估、运行监控和绩效自评。"),
                      ("problems", "个别绩效指标设置不够细化。"), ("improvements", "进一步细化量化绩效指标。"),
                      ("overall_grade_reported", "优秀")):
        management.set(key, text)
    management.set("overall_score_reported", Decimal("95"))
    data.section("dept_evaluation_text").set("goal_setting", "部门整体绩效目标围绕年度重点任务设置，指标可量化、可考核。")
    summary = data.section("project_evaluation_summary")
    summary.set("evaluated_projects", projects)
    summary.set("evaluated_amount", project_total)
    for key, value in (("grade_excellent", projects), ("grade_good", 0), ("grade_fair", 0), ("grade_poor", 0)):
        summary.set(key, value)


def _warned(nature: str, target: str, points: str) -> dict:
    """What makes an indicator raise one 提示性 warning: a 完成值 written as a bound ("≥120",
    P-09c) for a quantitative indicator; for a 定性 one a judged score under its points with no
    偏差原因 (P-09)."""
    if nature == "定性":
        return {"score": Decimal(points) - 1}
    return {"actual": f"{nature}{target}"}


def _projects(data: YearData, project_total: Money, count: int, indicator_warnings: bool = False) -> None:
    share = Money(project_total.fen // max(count, 1))
    for number in range(1, count + 1):
        project = data.section("projects").add_row({
            "name": f"科技创新服务项目{number}", "department": "示例区科学技术委员会", "implementer": "示例区科学技术委员会",
            "goal_expected": "完成年度科技服务任务，服务企业创新发展。", "goal_actual": "已完成年度科技服务任务。"})
        funds = data.section("project_funds")
        for source, amount in (("年度资金总额", share), ("当年财政拨款", share), ("上年结转资金", Money(0)), ("其他资金", Money(0))):
            funds.add_row({"project": project, "source": source, "initial_budget": amount, "full_year_budget": amount,
                           "executed": amount})
        for level1, level2, level3, nature, target, unit, actual, points in PROJECT_INDICATORS:
            data.section("project_indicators").add_row({
                "project": project, "level1": level1, "level2": level2, "level3": level3, "nature": nature,
                "target": target, "unit": unit, "actual": actual, "points": Decimal(points),
                **(_warned(nature, target, points) if indicator_warnings else {})})
