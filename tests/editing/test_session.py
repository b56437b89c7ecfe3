"""EditSession: every command type through do/undo/redo keeps the in-memory document, the document
file and the 审核 findings in step; explanations of vanished warnings are pruned and restored by
undo; a failed commit or a rejected value leaves document, findings and file exactly as before;
a random walk of cell edits undone in reverse returns to the original document (hypothesis)."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.document import DocumentError
from desktop.domain.money import Money
from desktop.editing.commands import CellValue, Composite, InsertRows, RemoveRows, SetCells, SetExplanation
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample
from desktop.rules.engine import Engine
from desktop.store.docfile import DocumentFile, DocumentFileError

YEAR = 2023  # seed 1
T7_01 = ("T7-01", "sangong/total/budget")
N_11 = ("N-11", "purchased_services_summary//total")  # 1,620,000.00 of purchased services not itemized
def on_disk(path: Path):
    with DocumentFile.open(path) as file:
        return file.load()


def finding_set(findings) -> set[tuple]:
    return {(f.rule, f.location.key, f.severity, f.message) for f in findings}


def identities(session: EditSession) -> set[tuple[str, str]]:
    return {f.identity for f in session.findings}


def set_cell(section, row, column, value, scope=YEAR) -> SetCells:
    return SetCells([CellValue(scope, section, row, column, value)], f"设置 {section}")


@pytest.fixture()
def opened(tmp_path):
    """(session over seed 1 with its file, file path, an untouched copy of seed 1)."""
    path = tmp_path / "seed1.fdesk"
    document = load_sample(1)
    file = DocumentFile.create(path, document)
    session = EditSession(document, file)
    yield session, path, load_sample(1)
    file.close()


def test_the_session_starts_from_the_seed_findings(opened):
    session, _, original = opened
    assert session.year == YEAR
    severities = [f.severity for f in session.findings]
    # 2 of the errors are T0-01; one info is K-21 ("6881.82万元" typed without 千分号)
    assert (severities.count("error"), severities.count("warning"), severities.count("info")) == (5, 75, 5)
    assert finding_set(session.findings) == finding_set(Engine(original, YEAR).validate())


def test_set_cells_do_undo_redo_and_the_sangong_total_error(opened):
    session, path, original = opened
    # clearing seed 1's typed 合计 (44,961.00, its items add up to 36,000.00) leaves the computed one
    command = set_cell("sangong", "total", "budget", None)
    assert T7_01 in identities(session)

    outcome = session.do(command)
    assert T7_01 not in identities(session)
    assert T7_01 in {f.identity for f in outcome.delta.removed}
    assert outcome.saved_at is not None and outcome.pruned == {}
    assert (YEAR, "sangong") in outcome.sections
    assert session.document != original
    assert on_disk(path) == session.document
    assert session.document.year(YEAR).section("sangong").value("total", "budget") == Money.from_yuan("36000")
    assert session.document.year(YEAR).section("sangong").stored("total", "budget") is None

    outcome = session.undo(command)
    assert T7_01 in {f.identity for f in outcome.delta.added}
    assert session.document == original and on_disk(path) == original
    assert finding_set(session.findings) == finding_set(Engine(original, YEAR).validate())

    session.redo(command)
    assert T7_01 not in identities(session)
    assert on_disk(path) == session.document != original


def test_clearing_a_cell_removes_it_from_the_file_and_undo_puts_it_back(opened):
    session, path, original = opened
    command = set_cell("sangong", "vehicle_operation", "actual", None)
    session.do(command)
    assert "actual" not in session.document.year(YEAR).section("sangong").rows["vehicle_operation"]
    assert on_disk(path) == session.document != original
    session.undo(command)
    assert session.document == original and on_disk(path) == original


def test_insert_rows_at_a_position_then_undo_and_redo_with_the_same_row_id(opened):
    session, path, original = opened
    before = original.year(YEAR).section("purchased_services").row_ids()
    command = InsertRows(YEAR, "purchased_services", 1,
                         [{"item": "物业管理服务", "amount": Money.from_yuan("1620000")}], "插入行")
    outcome = session.do(command)
    (new_id,) = command.row_ids
    assert new_id not in before
    order = session.document.year(YEAR).section("purchased_services").row_ids()
    assert order == [before[0], new_id, *before[1:]]
    assert (YEAR, "purchased_services") in outcome.applied.structural
    assert N_11 not in identities(session)  # the purchases are now itemized in full
    after_do = on_disk(path)
    assert after_do == session.document

    session.undo(command)
    assert session.document == original and on_disk(path) == original
    assert N_11 in identities(session)

    session.redo(command)
    assert command.row_ids == [new_id]
    assert session.document == after_do and on_disk(path) == after_do


def test_a_row_that_fails_its_column_check_inserts_nothing(opened):
    session, path, original = opened
    command = InsertRows(YEAR, "purchased_services", 0,
                         [{"item": "甲", "amount": Money.from_yuan("1")}, {"item": "乙", "amount": "2元"}], "粘贴")
    before = finding_set(session.findings)
    with pytest.raises(DocumentError):
        session.do(command)
    assert session.document == original and on_disk(path) == original
    assert finding_set(session.findings) == before


def test_remove_a_project_takes_its_funds_and_indicators_and_undo_restores_their_order(opened):
    session, path, original = opened
    year = session.document.year(YEAR)
    # a second project whose indicator sits between the first project's indicators
    setup = Composite([
        InsertRows(YEAR, "projects", 1, [{"name": "第二个项目"}], "添加项目"),
        InsertRows(YEAR, "project_indicators", 3,
                   [{"project": "r2", "level1": "产出指标", "level2": "数量指标", "level3": "插在中间的指标"}], "添加指标"),
        InsertRows(YEAR, "project_funds", 1, [{"project": "r2", "source": "年度资金总额"}], "添加资金"),
    ], "准备")
    session.do(setup)
    before_remove = on_disk(path)
    assert before_remove == session.document
    orders = {s: year.section(s).row_ids() for s in ("projects", "project_funds", "project_indicators")}
    assert orders["project_indicators"][3] != "r4"  # the other project's indicator is in the middle

    command = RemoveRows(YEAR, "projects", ["r1"], "删除项目")
    outcome = session.do(command)
    assert year.section("projects").row_ids() == ["r2"]
    assert [r["project"] for r in year.section("project_indicators").rows.values()] == ["r2"]
    assert [r["project"] for r in year.section("project_funds").rows.values()] == ["r2"]
    removed_sections = {section for _, section, _ in outcome.applied.write.removed_rows}
    assert removed_sections == {"projects", "project_funds", "project_indicators"}
    assert on_disk(path) == session.document
    assert not any(f.location.section == "projects" and f.location.row == "r1" for f in session.findings)

    session.undo(command)
    assert {s: year.section(s).row_ids() for s in orders} == orders
    assert session.document == before_remove and on_disk(path) == before_remove
    assert finding_set(session.findings) == finding_set(Engine(before_remove, YEAR).validate())

    session.redo(command)
    assert on_disk(path) == session.document
    session.undo(command)
    session.undo(setup)
    assert session.document == original and on_disk(path) == original


def test_set_explanation_do_undo_redo(opened):
    session, path, original = opened
    command = SetExplanation(YEAR, *N_11, "  其余为零星服务，不单列。 ")
    session.do(command)
    assert session.document.year(YEAR).explanations == {N_11: "其余为零星服务，不单列。"}
    assert on_disk(path) == session.document
    assert [f.explanation for f in session.findings if f.identity == N_11] == ["其余为零星服务，不单列。"]

    session.undo(command)
    assert session.document == original and on_disk(path) == original
    assert [f.explanation for f in session.findings if f.identity == N_11] == [None]

    session.redo(command)
    assert on_disk(path) == session.document != original


def test_composite_insert_and_fill_is_undone_in_one_revert(opened):
    session, path, original = opened
    new_id = original.year(YEAR).section("purchased_services").new_row_id()
    command = Composite([
        InsertRows(YEAR, "purchased_services", 4, [{"item": "物业管理服务"}], "插入行"),
        SetCells([CellValue(YEAR, "purchased_services", new_id, "amount", Money.from_yuan("1620000")),
                  CellValue(YEAR, "sangong", "total", "budget", Money.from_yuan("36000"))], "粘贴"),
    ], "粘贴并添加行")
    session.do(command)
    assert session.document.year(YEAR).section("purchased_services").rows[new_id] == {
        "item": "物业管理服务", "amount": Money.from_yuan("1620000")}
    assert not {N_11, T7_01} & identities(session)
    after_do = on_disk(path)
    assert after_do == session.document

    session.undo(command)
    assert session.document == original and on_disk(path) == original
    assert {N_11, T7_01} <= identities(session)
    session.redo(command)
    assert session.document == after_do and on_disk(path) == after_do


def test_a_rejected_value_changes_nothing_even_after_a_valid_cell(opened):
    session, path, original = opened
    before = finding_set(session.findings)
    command = SetCells([CellValue(YEAR, "sangong", "total", "budget", Money.from_yuan("36000")),
                        CellValue(YEAR, "sangong", "total", "actual", "10298")], "粘贴")
    with pytest.raises(DocumentError):
        session.do(command)
    assert session.document == original and on_disk(path) == original
    assert finding_set(session.findings) == before


def test_a_failed_commit_restores_document_and_findings_and_raises(opened, monkeypatch):
    session, path, original = opened
    before = finding_set(session.findings)

    def refuse(self, write):
        raise DocumentFileError("磁盘已满")

    monkeypatch.setattr(DocumentFile, "commit", refuse)
    with pytest.raises(DocumentFileError, match="磁盘已满"):
        session.do(set_cell("sangong", "total", "budget", Money.from_yuan("36000")))
    with pytest.raises(DocumentFileError):
        session.do(RemoveRows(YEAR, "projects", ["r1"], "删除项目"))
    with pytest.raises(DocumentFileError):
        session.do(SetExplanation(YEAR, *N_11, "说明"))
    assert session.document == original
    assert finding_set(session.findings) == before
    assert session.saved_at is None
    monkeypatch.undo()
    assert on_disk(path) == original


def test_a_failed_undo_keeps_the_edit(opened, monkeypatch):
    session, path, original = opened
    command = set_cell("sangong", "total", "budget", Money.from_yuan("36000"))
    session.do(command)
    edited, findings = on_disk(path), finding_set(session.findings)

    def refuse(self, write):
        raise DocumentFileError("磁盘已满")

    monkeypatch.setattr(DocumentFile, "commit", refuse)
    with pytest.raises(DocumentFileError):
        session.undo(command)
    assert session.document == edited and finding_set(session.findings) == findings
    monkeypatch.undo()
    session.undo(command)
    assert session.document == original and on_disk(path) == original


def test_a_closed_file_refuses_the_edit_and_the_document_stays(opened):
    session, path, original = opened
    before = finding_set(session.findings)
    session.file.close()
    with pytest.raises(DocumentFileError, match="本次修改未保存"):
        session.do(set_cell("sangong", "total", "budget", Money.from_yuan("36000")))
    assert session.document == original
    assert finding_set(session.findings) == before
    assert on_disk(path) == original


def test_scores_follow_edits_and_undo():
    session = EditSession(load_sample(2), None)
    assert session.scores()["department"]["total"] == "95.00"
    command = set_cell("dept_score_indicators", "r2", "actual", "差", scope=2022)
    outcome = session.do(command)
    assert outcome.saved_at is None  # no file: nothing written
    assert session.scores()["department"]["total"] != "95.00"
    session.undo(command)
    assert session.scores()["department"]["total"] == "95.00"


def test_an_edit_that_removes_an_explained_warning_prunes_and_undo_restores(opened):
    session, path, _ = opened
    text = "其余为零星服务，不单列。"
    session.do(SetExplanation(YEAR, *N_11, text))
    explained = on_disk(path)
    command = set_cell("purchased_services_summary", "", "total", Money.from_yuan("6919100"))

    outcome = session.do(command)
    assert outcome.pruned == {N_11: text}
    assert N_11 not in session.document.year(YEAR).explanations
    with DocumentFile.open(path) as file:
        assert N_11 not in file.explanations(YEAR)
    assert on_disk(path) == session.document

    outcome = session.undo(command)
    assert outcome.pruned == {}
    assert session.document.year(YEAR).explanations[N_11] == text
    assert session.document == explained and on_disk(path) == explained
    assert [f.explanation for f in session.findings if f.identity == N_11] == [text]

    assert session.redo(command).pruned == {N_11: text}
    assert on_disk(path) == session.document


def test_a_failed_commit_puts_pruned_explanations_back(opened, monkeypatch):
    session, path, _ = opened
    session.do(SetExplanation(YEAR, *N_11, "说明"))
    explained, findings = on_disk(path), finding_set(session.findings)
    monkeypatch.setattr(DocumentFile, "commit", lambda self, write: (_ for _ in ()).throw(DocumentFileError("满")))
    with pytest.raises(DocumentFileError):
        session.do(set_cell("purchased_services_summary", "", "total", Money.from_yuan("6919100")))
    assert session.document == explained and finding_set(session.findings) == findings
    assert [f.explanation for f in session.findings if f.identity == N_11] == ["说明"]


def test_a_failed_undo_does_not_lose_the_explanation_it_would_restore(opened, monkeypatch):
    session, path, _ = opened
    session.do(SetExplanation(YEAR, *N_11, "说明"))
    explained = on_disk(path)
    command = set_cell("purchased_services_summary", "", "total", Money.from_yuan("6919100"))
    session.do(command)
    with monkeypatch.context() as patch:
        patch.setattr(DocumentFile, "commit", lambda self, write: (_ for _ in ()).throw(DocumentFileError("满")))
        with pytest.raises(DocumentFileError):
            session.undo(command)
    session.undo(command)  # the disk is back: this undo must restore the explanation
    assert session.document == explained and on_disk(path) == explained


def test_a_paste_that_adds_a_row_and_clears_one_of_its_cells_is_saved_as_shown(opened):
    session, path, _ = opened
    new_id = session.document.year(YEAR).section("purchased_services").new_row_id()
    session.do(Composite([
        InsertRows(YEAR, "purchased_services", 4, [{"item": "物业管理服务", "amount": Money.from_yuan("5")}], "插入行"),
        SetCells([CellValue(YEAR, "purchased_services", new_id, "amount", None)], "清除"),
    ], "粘贴"))
    assert session.document.year(YEAR).section("purchased_services").rows[new_id] == {"item": "物业管理服务"}
    assert on_disk(path) == session.document


def test_the_last_value_of_a_cell_set_twice_in_one_command_is_saved(opened):
    session, path, _ = opened
    command = SetCells([CellValue(YEAR, "admin_operating_cost", "", "current", Money(0)),
                        CellValue(YEAR, "admin_operating_cost", "", "current", None)], "粘贴")
    session.do(command)
    assert on_disk(path) == session.document


# -- property: random cell edits, undone in reverse --------------------------------------------
SEED1 = load_sample(1)
MONEY_CELLS = sorted(
    (key, row, column.key)
    for key, data in SEED1.year(YEAR).sections.items() if data.section.kind in ("grid", "form")
    for row in data.rows for column in data.section.columns if column.type == "money")
BASELINE = finding_set(Engine(SEED1, YEAR).validate())

money_values = st.one_of(st.none(), st.integers(-10**9, 10**11).map(Money))
# one command may set the same cell twice (the last value wins, in the document and in the file)
cell_edits = st.lists(st.tuples(st.sampled_from(MONEY_CELLS), money_values), min_size=1, max_size=3)


def test_the_property_draws_from_many_money_cells():
    assert len(MONEY_CELLS) > 50
    assert {("sangong", "total", "budget"), ("sangong_details", "", "operation_fuel")} <= set(MONEY_CELLS)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(cell_edits, min_size=1, max_size=5))
def test_random_money_edits_undone_in_reverse_restore_document_file_and_findings(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "walk.fdesk"
        document = load_sample(1)
        file = DocumentFile.create(path, document)
        try:
            session = EditSession(document, file)
            done = []
            for edits in steps:
                command = SetCells([CellValue(YEAR, s, r, c, v) for (s, r, c), v in edits], "随机编辑")
                session.do(command)
                done.append(command)
                assert finding_set(session.findings) == finding_set(Engine(document, YEAR).validate())
            assert on_disk(path) == document
            for command in reversed(done):
                session.undo(command)
                assert finding_set(session.findings) == finding_set(Engine(document, YEAR).validate())
            assert document == SEED1
            assert on_disk(path) == SEED1
            assert finding_set(session.findings) == BASELINE
        finally:
            file.close()


def test_findings_kept_per_section_after_edits_equal_the_engines_whole_list():
    """The session keeps findings per section from each edit's delta (no whole-list sort per edit):
    after any edits, undo, redo and explanations, every section's findings and the whole list are
    what the engine's own list says."""
    import random
    from decimal import Decimal

    from desktop.synthetic import build_document
    session = EditSession(build_document(projects=3, indicator_warnings=True), None)
    year = session.year
    rng = random.Random(5)
    done: list = []
    sections = [s.key for s in session.document.schema.sections]
    for step in range(60):
        data = session.year_data
        indicators = list(data.section("project_indicators").rows)
        choice = rng.randrange(6)
        if choice == 0 and done:
            session.undo(done.pop())
        elif choice == 1:
            value = rng.choice(["≥5", "5", "120", None])
            command = SetCells([CellValue(year, "project_indicators", rng.choice(indicators), "actual", value)], "完成值")
        elif choice == 2:
            warning = rng.choice([f for f in session.engine.findings() if f.severity == "warning"])
            command = SetExplanation(year, warning.rule, warning.location.key, rng.choice(["已核实。", None]))
        elif choice == 3:
            command = RemoveRows(year, "project_indicators", [rng.choice(indicators)], "删除")
        elif choice == 4:
            command = SetCells([CellValue(year, "sangong", "abroad", "actual",
                                          Money.from_yuan(Decimal(rng.randrange(10**6))))], "三公")
        else:
            command = SetCells([CellValue(year, "project_indicators", rng.choice(indicators), "points",
                                          Decimal(rng.randrange(0, 12)))], "分值")
        if choice != 0:
            session.do(command)
            done.append(command)
        whole = session.engine.findings()
        for section in sections:
            assert session.findings_at(section) == [f for f in whole if f.location.section == section], (step, section)
        assert session.finding_count() == len(whole)
        assert session.findings == whole
    assert any(f.explanation for f in session.findings)


def test_explanations_pruned_are_the_engines_orphans():
    """An explanation goes (and comes back on undo) exactly when the engine no longer finds its
    warning; the session looks this up per section instead of asking the engine for every identity."""
    from desktop.synthetic import build_document
    session = EditSession(build_document(projects=2, indicator_warnings=True), None)
    year = session.year
    warnings = [f for f in session.findings if f.rule == "P-09c"][:3] + [f for f in session.findings if f.rule == "P-09"][:1]
    for finding in warnings:
        session.do(SetExplanation(year, finding.rule, finding.location.key, "已核实。"))
    session.year_data.explanations[("P-09c", "project_indicators/nowhere/actual")] = "a stale one"
    target = next(f for f in warnings if f.rule == "P-09c")
    fix = SetCells([CellValue(year, "project_indicators", target.location.row, "actual", "5")], "完成值")
    outcome = session.do(fix)
    assert set(outcome.pruned) == {target.identity, ("P-09c", "project_indicators/nowhere/actual")}
    assert session.engine.orphaned_explanations() == []
    assert set(session.year_data.explanations) == {f.identity for f in warnings} - {target.identity}
    session.undo(fix)
    assert session.year_data.explanations[target.identity] == "已核实。"
    assert next(f for f in session.findings if f.identity == target.identity).explanation == "已核实。"
