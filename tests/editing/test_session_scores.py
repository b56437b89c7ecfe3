"""An editing session's scores are kept per project and only the projects an edit touched are
scored again: after any sequence of edits, undos and redos they equal a fresh score_year."""

import copy
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.editing.commands import CellValue, InsertRows, RemoveRows, SetCells
from desktop.editing.session import EditSession
from desktop.io.samples import load_example
from desktop.scoring import score_year
from desktop.scoring import year as year_scores


def fresh(session: EditSession) -> dict:
    return score_year(session.document, session.year)


def _rows(session, section):
    return list(session.year_data.section(section).rows)


class Clerk:
    """A session driven as the window drives it: commands done, undone and redone in order."""

    def __init__(self, session: EditSession) -> None:
        self.session, self.done, self.undone = session, [], []

    def do(self, command) -> None:
        self.session.do(command)
        self.done.append(command)
        self.undone.clear()

    def undo(self) -> None:
        if self.done:
            command = self.done.pop()
            self.session.undo(command)
            self.undone.append(command)

    def redo(self) -> None:
        if self.undone:
            command = self.undone.pop()
            self.session.redo(command)
            self.done.append(command)


def _edit(clerk: Clerk, draw) -> None:
    """One random edit a clerk could make to what the project scores read."""
    session = clerk.session
    year = session.year
    projects = _rows(session, "projects")
    kind = draw(st.sampled_from(["actual", "points", "move", "fund", "name", "insert", "remove", "project", "undo",
                                 "redo"]))
    indicators = _rows(session, "project_indicators")
    if kind in ("actual", "points", "move") and indicators:
        row = draw(st.sampled_from(indicators))
        value = {"actual": str(draw(st.integers(0, 200))), "points": Decimal(draw(st.integers(0, 30))),
                 "move": draw(st.sampled_from(projects))}[kind]
        column = {"actual": "actual", "points": "points", "move": "project"}[kind]
        clerk.do(SetCells([CellValue(year, "project_indicators", row, column, value)], kind))
    elif kind == "fund":
        funds = session.year_data.section("project_funds")
        row = draw(st.sampled_from(list(funds.rows)))
        column = draw(st.sampled_from(["executed", "full_year_budget"]))
        amount = funds.section.column(column).parse(str(draw(st.integers(0, 10**6))), "元")
        clerk.do(SetCells([CellValue(year, "project_funds", row, column, amount)], kind))
    elif kind == "name":
        clerk.do(SetCells([CellValue(year, "projects", draw(st.sampled_from(projects)), "name", "改名的项目")], kind))
    elif kind == "insert":
        owner = draw(st.sampled_from(projects))
        clerk.do(InsertRows(year, "project_indicators", draw(st.integers(0, len(indicators))),
                              [{"project": owner, "level3": "新指标", "nature": "≥", "target": "1", "actual": "2",
                                "points": Decimal(5)}], kind))
    elif kind == "remove" and indicators:
        clerk.do(RemoveRows(year, "project_indicators", [draw(st.sampled_from(indicators))], kind))
    elif kind == "project" and len(projects) > 1:
        clerk.do(RemoveRows(year, "projects", [draw(st.sampled_from(projects))], kind))
    elif kind == "undo":
        clerk.undo()
    elif kind == "redo":
        clerk.redo()


@pytest.fixture(scope="module")
def example():
    return load_example()


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_scores_after_any_edits_equal_a_fresh_score_year(example, data):
    session = EditSession(copy.deepcopy(example), None)
    clerk = Clerk(session)
    assert session.scores() == fresh(session)
    for _step in range(data.draw(st.integers(1, 12))):
        _edit(clerk, data.draw)
        assert session.scores() == fresh(session)


def test_an_edit_scores_only_the_project_it_touched(example, monkeypatch):
    session = EditSession(copy.deepcopy(example), None)
    session.scores()
    scored = []
    original = year_scores.score_project
    monkeypatch.setattr(year_scores, "score_project", lambda data, row, *rest: (scored.append(row),
                                                                                 original(data, row, *rest))[1])
    indicators = session.year_data.section("project_indicators").rows
    row, values = next(iter(indicators.items()))
    session.do(SetCells([CellValue(session.year, "project_indicators", row, "actual", "1")], "完成值"))
    scores = session.scores()
    assert scored == [values["project"]]
    assert scores == fresh(session)
    scored.clear()
    session.do(SetCells([CellValue(session.year, "sangong", "abroad", "budget", None)], "三公"))
    session.scores()
    assert scored == []  # nothing a project reads
