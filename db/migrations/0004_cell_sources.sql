-- Where each figure came from (desktop/domain/sources.py): typed, pasted, a FiscalDesk workbook,
-- an official workbook (sheet!cell), last year's published PDF (page and table). One row per
-- filled cell that has a recorded source; a cell filled before this table existed has none.
-- Removing a cell's row removes its source with it (desktop/store/docfile.py commit).
CREATE TABLE cell_sources (
    scope_year  INTEGER NOT NULL,
    section     TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    column_key  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (scope_year, section, row_id, column_key)
);
