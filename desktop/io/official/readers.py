"""Which reader reads a found table: the layout the published document prints it in."""

from __future__ import annotations

from desktop.domain.schema import Section
from desktop.io.official.coded import CodedReader
from desktop.io.official.forms import CrosswiseReader, FormRowReader, ItemsReader
from desktop.io.official.reading import BlockReader, layouts_of
from desktop.io.official.two_sided import TwoSidedReader

READERS = {"coded": CodedReader, "pairs": CodedReader, "two_sided": TwoSidedReader, "crosswise": CrosswiseReader,
           "form_row": FormRowReader, "items": ItemsReader}


def reader_for(section: Section) -> type[BlockReader]:
    layout = layouts_of(section.key)[0]
    return READERS[layout.layout]
