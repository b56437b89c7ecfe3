"""The bundled seed documents (resources/samples/seedN.json), entered exactly as published."""

from __future__ import annotations

from desktop.domain.document import Document
from desktop.io.jsonio import read_json
from desktop.paths import resource_path

SAMPLES = {1: "seed1.json", 2: "seed2.json"}


def load_sample(seed: int) -> Document:
    if seed not in SAMPLES:
        raise ValueError(f"没有第 {seed} 号样例（可选：{'、'.join(map(str, SAMPLES))}）")
    return read_json(resource_path("samples", SAMPLES[seed]))
