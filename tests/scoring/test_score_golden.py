"""Golden scores: every item, formula, explanation, basis and note of the seeds' and the synthetic
document's scores, pinned whole in score_golden.json.

A changed score or wording fails here first. When the change is intended, rewrite the file with
`python tests/scoring/test_score_golden.py` and review its diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this tree's desktop package

from desktop.io.samples import load_sample  # noqa: E402
from desktop.scoring import score_year  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402

GOLDEN = Path(__file__).with_name("score_golden.json")
DOCUMENTS = ("seed1", "seed2", "synthetic")


def scores(name: str) -> dict:
    document = build_document(projects=3) if name == "synthetic" else load_sample(int(name[-1]))
    return {str(y): score_year(document, y) for y in sorted(document.years)}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_scores_are_the_golden_ones(name):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(scores(name), ensure_ascii=False)) == golden[name]


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps({n: scores(n) for n in DOCUMENTS}, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    print(GOLDEN)
