"""JSON interchange: lossless round trip, and every problem reported with its JSON path."""

import copy
import json

import pytest

from desktop.domain.document import Document
from desktop.io.jsonio import JsonImportError, document_from_json, document_to_json, dumps, loads, read_json, write_json


def test_round_trip_is_lossless(seed1, seed2, tmp_path):
    for document in (seed1, seed2):
        path = tmp_path / "a.json"
        write_json(document, path)
        again = read_json(path)
        assert again == document
        assert dumps(again) == path.read_text(encoding="utf-8")


def test_blank_cells_are_absent_and_zero_is_written(seed1):
    sangong = document_to_json(seed1)["years"][0]["sangong"]
    assert sangong["abroad"] == {"budget": "0.00", "actual": "0.00"}


def base():
    return document_to_json(Document.new("部门", 2023))


@pytest.mark.parametrize("mutate, path, fragment", [
    (lambda d: d["years"][0]["sangong"].update(total={"budget": "12a"}), "$.years[0].sangong.total.budget", "金额"),
    (lambda d: d["years"][0]["sangong"].update(total={"budget": 44961.0}), "$.years[0].sangong.total.budget", "字符串"),
    (lambda d: d["years"][0]["sangong"].update(total={"budget": "1.234"}), "$.years[0].sangong.total.budget", "金额"),
    (lambda d: d["years"][0]["sangong"].update(nowhere={}), "$.years[0].sangong.nowhere", "没有这一行"),
    (lambda d: d["years"][0]["basic_info"].update(admin_quota="15"), "$.years[0].basic_info.admin_quota", "整数"),
    (lambda d: d["years"][0]["basic_info"].update(admin_quota=-1), "$.years[0].basic_info.admin_quota", "负数"),
    (lambda d: d["years"][0].update(gp_functional=[{"code": "201"}]), "$.years[0].gp_functional[0].id", "id"),
    (lambda d: d["years"][0].update(gp_functional=[{"id": "a", "code": "2011"}]),
     "$.years[0].gp_functional[0].code", "位数"),
    (lambda d: d["years"][0].update(gp_functional=[{"id": "a"}, {"id": "a"}]), "$.years[0].gp_functional[1].id", "重复"),
    (lambda d: d["years"][0].update(project_indicators=[{"id": "a", "project": "ghost"}]), "$.years[0]", "ghost"),
    (lambda d: d["years"][0].update(dept_indicators=[{"id": "a", "nature": ">"}]),
     "$.years[0].dept_indicators[0].nature", "可选项"),
    (lambda d: d["years"][0].update(mystery=1), "$.years[0].mystery", "未知"),
    (lambda d: d["years"][0].update(year=1999), "$.years[0].year", "年度"),
    (lambda d: d["years"][0].update(profile="shanghai"), "$.years[0].profile", "未知的方案"),
    (lambda d: d["years"].append(copy.deepcopy(d["years"][0])), "$.years[1].year", "已有"),
    (lambda d: d.update(years=[]), "$.years", "至少"),
    (lambda d: d.update(format="something"), "$.format", "不是 FiscalDesk"),
    (lambda d: d.update(version=2), "$.version", "版本"),
    (lambda d: d["department"].update(name=5), "$.department.name", "字符串"),
])
def test_problems_name_the_json_path(mutate, path, fragment):
    data = base()
    mutate(data)
    with pytest.raises(JsonImportError) as caught:
        document_from_json(data)
    assert any(p.startswith(path) and fragment in p for p in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_not_just_the_first():
    data = base()
    data["years"][0]["sangong"] = {"total": {"budget": "x", "actual": "y"}}
    with pytest.raises(JsonImportError) as caught:
        document_from_json(data)
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("text, fragment", [
    ("{", "不是有效的 JSON"),
    ("[" * 100_000 + "]" * 100_000, "嵌套"),
    ('{"a":' * 50_000 + "1" + "}" * 50_000, "嵌套层次过深"),
    ("[]", "$"),
    ('"text"', "应为对象"),
    ("null", "应为对象"),
    ('{"format": NaN}', "NaN"),
    ('{"format": -Infinity}', "Infinity"),
    ('{"format": ' + "9" * 5000 + "}", "位数过多"),
    ("", "不是有效的 JSON"),
    ("\x00\x01", "不是有效的 JSON"),
])
def test_malformed_json(text, fragment):
    with pytest.raises(JsonImportError) as caught:
        loads(text)
    assert fragment in str(caught.value)


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes("部门".encode("gbk"))
    with pytest.raises(JsonImportError) as caught:
        read_json(path)
    assert "UTF-8" in str(caught.value)


def test_write_json_replaces_atomically(tmp_path, seed2):
    path = tmp_path / "out.json"
    path.write_text("old")
    write_json(seed2, path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "fiscaldesk-document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_explanations_travel_with_their_year(seed1):
    from desktop.io.jsonio import dumps, loads
    seed1.latest_year().explanations[("W-02", "gp_project_economic/r1/actual")] = "按规定列支"
    again = loads(dumps(seed1))
    assert again.latest_year().explanations == {("W-02", "gp_project_economic/r1/actual"): "按规定列支"}
    assert again == seed1


@pytest.mark.parametrize("explanations", [
    "text", [{"rule": "W-02", "location": "x"}], [{"rule": "W-02", "location": "x", "text": " "}],
    [{"rule": "W-02", "location": "x", "text": "a"}, {"rule": "W-02", "location": "x", "text": "b"}],
])
def test_malformed_explanations_are_refused(seed1, explanations):
    import json as json_module
    from desktop.io.jsonio import JsonImportError, document_to_json, document_from_json
    raw = document_to_json(seed1)
    raw["years"][0]["explanations"] = explanations
    with pytest.raises(JsonImportError, match="explanations"):
        document_from_json(json_module.loads(json_module.dumps(raw)))


def test_the_sangong_quantities_and_second_reason_round_trip(tmp_path):
    from desktop.synthetic import build_document
    document = build_document()
    year = document_to_json(document)["years"][0]
    assert year["sangong"]["abroad"]["prior_reason"] == "严控公务活动规模，支出较上年减少。"
    assert year["sangong_details"]["abroad_groups"] == 1 and year["sangong_details"]["vehicle_stock_prior"] == 3
    assert year["sangong_reception"]["foreign"] == {"amount": "1000.00", "batches": 1, "people": 5}
    assert [(r["type"], r["stock"]) for r in year["sangong_vehicles"]] == [("执法执勤用车", 2), ("其他用车", 1)]
    write_json(document, tmp_path / "s.json")
    assert read_json(tmp_path / "s.json") == document


def test_a_vehicle_type_outside_the_list_is_refused():
    data = base()
    data["years"][0]["sangong_vehicles"] = [{"id": "r1", "type": "越野车", "stock": 1}]
    with pytest.raises(JsonImportError) as caught:
        document_from_json(data)
    assert "越野车" in str(caught.value) and "sangong_vehicles" in str(caught.value)


def test_a_department_entered_per_unit_round_trips_and_its_summary_is_computed():
    from desktop.domain.department_units import is_split
    from desktop.editing.unit_commands import SplitYear
    from desktop.io.samples import load_sample
    from desktop.synthetic import build_document
    generated = build_document(projects=2, functional_rows=20, units=3, per_unit=True)
    text = dumps(generated)
    assert loads(text) == generated
    raw = json.loads(text)
    assert raw["years"][0]["functional_expenditure"] == []  # the 汇总 is not written, it is computed
    seed = load_sample(1)
    SplitYear(seed.latest_year().year).apply(seed)
    again = loads(dumps(seed))
    assert again == seed and is_split(again.latest_year())
    raw["years"][0]["income_expenditure"] = {"income_gp": {"current": "1.00"}}
    raw["years"][0]["units"][1]["unit"] = "nobody"
    with pytest.raises(JsonImportError) as refused:
        loads(json.dumps(raw))
    assert refused.value.problems == [
        "$.years[0].income_expenditure：分单位填报的年度，部门的汇总数由各单位计算，不能填写",
        "$.years[0].units[1].unit：单位表中没有标识为 'nobody' 的单位"]
