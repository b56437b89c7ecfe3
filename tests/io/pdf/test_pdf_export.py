"""The publication PDF as a reader gets it: its text, fonts, watermark, outline and the gate."""

import re
from datetime import date

import pypdf
import pytest

from desktop.domain.money import Money
from desktop.io.pdf import ExportRefused, export_audit_pdf, export_pdf
from desktop.io.samples import load_sample
from desktop.publication.gate import export_gate
from desktop.rules.engine import check_document
from desktop.synthetic import build_document

TODAY = date(2024, 8, 20)
PART_TITLES = ("第一部分 2023年度部门决算报表", "第二部分 2023年度部门决算说明",
               "第三部分 2023年度其他重要事项的情况说明", "第四部分 2023年度部门绩效评价情况")


def pages_text(path):
    reader = pypdf.PdfReader(str(path))
    return reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def seed1_draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "seed1.pdf"
    result = export_pdf(load_sample(1), path, draft=True, today=TODAY)
    return (result, *pages_text(path))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "clean.pdf"
    result = export_pdf(build_document(), path, today=TODAY)
    return (result, *pages_text(path))


def test_seed1_key_figures_headings_and_footer(seed1_draft):
    result, reader, texts = seed1_draft
    whole = "\n".join(texts)
    assert result.pages == len(reader.pages)
    for figure in ("78,129,577.73", "9,311,521.13", "68,818,056.60", "876,600.00"):
        assert figure in whole, figure
    assert "156,259,155.50" not in whole  # seed 1's typed, doubled 收支总计 is never published
    for title in PART_TITLES:
        assert title.replace(" ", "") in whole.replace(" ", ""), title
    assert "第 1 页 共 %d 页" % (result.pages - 1) in texts[1]
    assert "第 %d 页 共 %d 页" % (result.pages - 1, result.pages - 1) in texts[-1]


def test_seed1_tables_glossary_and_project_form(seed1_draft):
    _, _, texts = seed1_draft
    whole = "\n".join(texts)
    assert "本部门2023年度无政府性基金预算财政拨款收支，故本表为空表。" in whole
    assert "收入决算表未填写，但收入支出决算总体情况·本年收入合计（本年决算数）为" in whole
    assert "专业名词解释" in whole and "非公企业党建经费" in whole  # the seed's own eighth term
    assert "项目支出绩效自评表" in whole and "门头沟“两区”标识建设" in whole
    assert "目 录" in texts[1] or "目　　录" in texts[1]


def test_draft_watermark_on_every_page_only_when_asked(seed1_draft, clean):
    assert all("草稿" in text for text in seed1_draft[2])
    assert not any("草稿" in text for text in clean[2])


def test_every_font_is_embedded(seed1_draft, clean):
    for _, reader, _ in (seed1_draft, clean):
        fonts = {}
        for page in reader.pages:
            for name, ref in (page["/Resources"].get("/Font") or {}).items():
                fonts[name] = ref.get_object()
        assert fonts
        for name, font in fonts.items():
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, (name, font.get("/BaseFont"))
            descriptor = descriptor.get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
            assert "+" in font["/BaseFont"], "subset fonts are named XXXXXX+Name"


def test_metadata_and_bookmarks(clean):
    _, reader, _ = clean
    meta = reader.metadata
    assert meta.title == "2023年度示例区科学技术委员会部门决算公开说明"
    assert meta.author == "示例区科学技术委员会"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [t for t in titles if t.startswith("第")] == [t for t in PART_TITLES]


def test_a_document_with_errors_is_refused_and_nothing_written(tmp_path):
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportRefused) as refused:
        export_pdf(load_sample(1), target, today=TODAY)
    message = str(refused.value)
    assert "错误（强制性）3 个" in message and "T7-01" in message
    assert "未说明的提示" in message and "未填写的报表 2 张" in message
    assert not target.exists() and not list(tmp_path.iterdir())


def test_an_unexplained_warning_closes_the_gate_until_explained():
    document = build_document()
    assert export_gate(document).open  # the synthetic document is consistent
    summary = document.latest_year().section("purchased_services_summary")
    summary.set("total", summary.get("total") + Money.from_yuan(600_000))
    report = export_gate(document)
    assert not report.errors and [f.rule for f in report.unexplained] == ["N-11"]
    assert "未说明的提示 1 个" in report.message()
    document.latest_year().explanations[report.unexplained[0].identity] = "另有零星服务项目 600,000.00 元未单列。"
    assert export_gate(document).open


def test_progress_is_reported(tmp_path):
    calls = []
    export_pdf(build_document(), tmp_path / "p.pdf", progress=lambda *args: calls.append(args), today=TODAY)
    assert calls[0][0] == "审核" and any(stage.startswith("排版") for stage, _, _ in calls)


def test_audit_pdf_opens_with_the_findings_errors_first(tmp_path):
    document = load_sample(1)
    data = document.latest_year()
    n11 = next(f for f in check_document(document) if f.rule == "N-11")
    data.explanations[n11.identity] = "其余为零星服务项目，合计 1,620,000.00 元。"
    path = tmp_path / "audit.pdf"
    result = export_audit_pdf(document, path, today=TODAY)
    reader, texts = pages_text(path)
    whole = "\n".join(texts)
    first = texts[0].replace(" ", "").replace("\n", "")
    # no cover and no contents: page 1 is the title block, the counts and the first findings
    assert "目录" not in whole.replace(" ", "").replace("　", "") and result.pages <= 6
    for piece in ("2023年度中关村科技园区门头沟园管理委员会", "部门决算审核说明", "编制单位：", "2024年8月",
                  "强制性错误3个", "未填写的报表2张", "已说明的提示性问题1个", "一、强制性错误（3个）", "T7-01"):
        assert piece in first, piece
    sections = ["一、强制性错误", "二、未填写的报表", "三、说明和绩效表中尚未填写的内容", "四、未说明的提示性问题",
                "五、已说明的提示性问题及说明", "六、提示信息"]
    flat = whole.replace(" ", "").replace("\n", "")
    positions = [flat.index(title) for title in sections]
    assert positions == sorted(positions)
    assert "收入决算表未填写" in flat[positions[1]:positions[2]]
    assert "实施单位" in flat[positions[2]:positions[3]]
    assert flat.index("N-09") > positions[3] and "其余为零星服务项目" in flat[positions[4]:positions[5]]
    assert [item.title.split("（")[0] for item in reader.outline if not isinstance(item, list)] == sections
    assert "第 1 页 共 %d 页" % result.pages in texts[0]


def _contents(path) -> list[tuple[str, int]]:
    """(entry, printed page number) of every line of the contents pages (page 2 up to the first
    page an entry names), as a reader reads them."""
    import pdfplumber
    entries: list[tuple[str, int]] = []
    with pdfplumber.open(str(path)) as pdf:
        for index, page in enumerate(pdf.pages[1:], start=1):
            if entries and index >= entries[0][1]:
                break
            for line in (page.extract_text() or "").splitlines()[1:]:  # not the running header
                found = re.fullmatch(r"(.*?)(?:\s\.)*\s+(\d+)", line)
                if found:
                    entries.append((found.group(1).strip(), int(found.group(2))))
    return entries


def test_the_contents_give_the_page_each_heading_is_on_and_link_to_it(clean):
    """One layout pass: the contents' page numbers, drawn before the pages they name were laid out,
    are those of the headings (the cover is not counted, so number n is the PDF's page n + 1), and
    both an entry's title and its number link there (no watermark: its letters would cut lines)."""
    result, reader, texts = clean
    entries = _contents(result.path)
    assert len(entries) >= len(PART_TITLES) + 10
    flat = [text.replace(" ", "").replace("\n", "") for text in texts]
    for title, number in entries:
        assert title.replace(" ", "") in flat[number], (title, number)
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers) and numbers[0] >= 2 and numbers[-1] < result.pages
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    titles, ends = [], []
    for index in range(1, numbers[0]):
        links = [annotation.get_object() for annotation in reader.pages[index].get("/Annots") or []]
        for link in sorted(links, key=lambda link: -float(link["/Rect"][1])):
            target = pages[link["/Dest"][0].idnum]
            (titles if float(link["/Rect"][0]) < 300 else ends).append(target)
    assert titles == numbers and ends == numbers


def test_when_a_heading_cannot_be_followed_the_contents_take_two_passes_and_read_the_same(tmp_path, monkeypatch):
    from desktop.io.pdf import render
    import pdfplumber
    one = export_pdf(load_sample(1), tmp_path / "one.pdf", draft=True, today=TODAY)
    real = render.contents_entries
    monkeypatch.setattr(render, "contents_entries", lambda story: [*real(story), (1, "不存在的标题", "fd99999")])
    two = export_pdf(load_sample(1), tmp_path / "two.pdf", draft=True, today=TODAY)
    assert one.pages == two.pages
    texts = []
    for result in (one, two):
        with pdfplumber.open(str(result.path)) as pdf:
            texts.append([page.extract_text() for page in pdf.pages])
    assert texts[0] == texts[1]
    assert "不存在的标题" not in "".join(texts[1])


def test_every_bookmark_opens_the_page_its_heading_is_on(clean):
    """The outline's destinations are bound to the pages as they are written (the canvas holds
    every page until the end; bound at once they all pointed at the cover)."""
    _, reader, texts = clean
    flat = [text.replace(" ", "").replace("\n", "") for text in texts]

    def items(outline):
        for item in outline:
            yield from items(item) if isinstance(item, list) else [item]

    bookmarks = [(item.title, reader.get_destination_page_number(item)) for item in items(reader.outline)]
    assert len(bookmarks) > 20
    for title, page in bookmarks:
        assert page > 1 and title.replace(" ", "")[:12] in flat[page], (title, page)
