"""Where each figure came from: every command records the source of the cells it sets, puts back
the previous one on undo, forgets it with the cell, and the document file keeps it."""

from __future__ import annotations

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.sources import PASTED, TYPED, UNRECORDED, Source, describe
from desktop.editing.commands import CellValue, InsertRows, RemoveRows, SetCells
from desktop.editing.replace import plan_import
from desktop.editing.session import EditSession
from desktop.store.docfile import DocumentFile
from test_replace import on_disk

YEAR = 2024
ABROAD = (YEAR, "sangong", "abroad", "actual")


@pytest.fixture()
def opened(tmp_path):
    path = tmp_path / "测试.fdesk"
    document = Document.new("某部门", YEAR)
    file = DocumentFile.create(path, document)
    yield EditSession(document, file), path
    file.close()


def test_a_source_names_its_kind_and_detail():
    assert describe(Source("official", "“决算.xlsx” Sheet3!F8")) == "官方报表工作簿 “决算.xlsx” Sheet3!F8"
    assert describe(TYPED) == "手工输入" and describe(None) == UNRECORDED
    assert len(Source("pasted", "长" * 500).detail) == 200
    with pytest.raises(ValueError):
        Source("guessed")


def test_a_typed_cell_records_its_source_and_undo_puts_back_the_previous(opened):
    session, path = opened
    first = SetCells([CellValue(*ABROAD, Money(100))], "编辑", PASTED)
    session.do(first)
    second = SetCells([CellValue(*ABROAD, Money(200))], "编辑", TYPED)
    session.do(second)
    assert session.document.sources[ABROAD] == TYPED and on_disk(path).sources[ABROAD] == TYPED
    session.undo(second)
    assert session.document.sources[ABROAD] == PASTED and on_disk(path).sources[ABROAD] == PASTED
    session.redo(second)
    assert on_disk(path).sources[ABROAD] == TYPED


def test_a_cleared_cell_forgets_its_source(opened):
    session, path = opened
    session.do(SetCells([CellValue(*ABROAD, Money(100))], "编辑", TYPED))
    clear = SetCells([CellValue(*ABROAD, None)], "清除", TYPED)
    session.do(clear)
    assert ABROAD not in session.document.sources and ABROAD not in on_disk(path).sources
    session.undo(clear)
    assert on_disk(path).sources[ABROAD] == TYPED


def test_rows_pasted_in_and_removed_take_their_sources_along(opened):
    session, path = opened
    insert = InsertRows(YEAR, "purchased_services", 0, [{"item": "物业", "amount": Money(500)}], "粘贴", PASTED)
    session.do(insert)
    row = insert.row_ids[0]
    key = (YEAR, "purchased_services", row, "amount")
    assert on_disk(path).sources[key] == PASTED
    remove = RemoveRows(YEAR, "purchased_services", [row], "删除行")
    session.do(remove)
    assert key not in session.document.sources and key not in on_disk(path).sources
    session.undo(remove)
    assert session.document.sources[key] == PASTED and on_disk(path).sources[key] == PASTED
    session.undo(insert)
    assert key not in on_disk(path).sources


def test_an_import_records_each_cells_own_source_or_the_imports(opened):
    session, path = opened
    incoming = Document.new("某部门", YEAR)
    incoming.year(YEAR).section("sangong").set_value("abroad", "actual", Money(300))
    incoming.year(YEAR).section("sangong").set_value("reception", "actual", Money(400))
    incoming.sources[ABROAD] = Source("official", "“决算.xlsx” Sheet7!D7")
    session.do(SetCells([CellValue(YEAR, "sangong", "reception", "budget", Money(1))], "编辑", TYPED))
    plan = plan_import(session.document, incoming, YEAR, default_source=Source("official", "“决算.xlsx”"))
    session.do(plan.command)
    stored = on_disk(path).sources
    assert stored[ABROAD].detail == "“决算.xlsx” Sheet7!D7"
    assert stored[(YEAR, "sangong", "reception", "actual")].detail == "“决算.xlsx”"
    assert (YEAR, "sangong", "reception", "budget") not in stored  # cleared by the import
    session.undo(plan.command)
    stored = on_disk(path).sources
    assert ABROAD not in stored and stored[(YEAR, "sangong", "reception", "budget")] == TYPED


def test_a_saved_document_keeps_its_sources(tmp_path):
    document = Document.new("某部门", YEAR)
    document.year(YEAR).section("sangong").set_value("abroad", "actual", Money(1))
    document.sources[ABROAD] = Source("prior_pdf", "“上年.pdf” 第13页")
    path = tmp_path / "saved.fdesk"
    DocumentFile.create(path, document).close()
    assert on_disk(path).sources == {ABROAD: Source("prior_pdf", "“上年.pdf” 第13页")}
