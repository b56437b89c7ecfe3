"""The bundled documents (resources/samples/*.json): a complete example and the two seed documents.

The example is a consistent, complete department whose final export passes the gate, so a new
user first sees what a publishable document looks like. The seeds are the real documents the
product was made from, entered exactly as published, mistakes included (文件 ▸ 示例).
The list is cheap to import (the window's 示例 menu is built before its first paint); reading a
document loads the JSON reader and the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.paths import resource_path

if TYPE_CHECKING:
    from desktop.domain.document import Document


@dataclass(frozen=True)
class Bundled:
    key: str
    file: str
    label: str       # the menu's name for it
    note: str        # what it is good for
    file_name: str   # the name of the copy the window opens


EXAMPLE = Bundled("example", "example.json", "完整示例：北京市示例区科学技术委员会 2024年度",
                  "各表、说明和绩效自评均已填写，审核通过，可以直接导出正式文件", "完整示例-示例区科委2024.fdesk")
BUNDLED = (
    EXAMPLE,
    Bundled("seed1", "seed1.json", "样例1：中关村科技园区门头沟园管理委员会 2023年度决算公开说明",
            "按公开原文录入，保留原文中的错误，可看审核如何发现它们", "样例-门头沟园2023.fdesk"),
    Bundled("seed2", "seed2.json", "样例2：北京市石景山区投资促进服务中心 2022年度部门整体绩效评价",
            "按公开原文录入，只有绩效部分，可看草稿如何标出待填写的内容", "样例-石景山投促中心2022.fdesk"),
)
SAMPLES = {1: "seed1.json", 2: "seed2.json"}


def load_bundled(key: str) -> Document:
    from desktop.io.jsonio import read_json  # the catalogue above is read before the window's first paint
    found = next((b for b in BUNDLED if b.key == key), None)
    if found is None:
        raise ValueError(f"没有名为“{key}”的示例（可选：{'、'.join(b.key for b in BUNDLED)}）")
    return read_json(resource_path("samples", found.file))


def load_example() -> Document:
    return load_bundled(EXAMPLE.key)


def load_sample(seed: int) -> Document:
    if seed not in SAMPLES:
        raise ValueError(f"没有第 {seed} 号样例（可选：{'、'.join(map(str, SAMPLES))}）")
    return load_bundled(f"seed{seed}")
