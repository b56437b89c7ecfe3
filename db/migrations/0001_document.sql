-- The document as cells over the section schema (resources/schema/sections.json).
-- scope_year 0 holds the document-scope sections (department, units); a form's single row is ''.
PRAGMA application_id = 1178880817;  -- "FDK1": marks the file as a FiscalDesk document

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE years (
    year    INTEGER PRIMARY KEY,
    profile TEXT NOT NULL
);

-- Rows of variable tables, with their order; grid and form rows are fixed by the schema.
CREATE TABLE table_rows (
    scope_year INTEGER NOT NULL,
    section    TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (scope_year, section, row_id)
);

-- One filled cell. Money and counts are INTEGER (money in 分), exact decimals TEXT,
-- booleans 0/1. A blank cell has no row here. `value` has no declared type on purpose: no type
-- affinity, so SQLite stores exactly what it is given (a NUMERIC affinity would turn the exact
-- decimal text '19.94' into a float).
CREATE TABLE cells (
    scope_year INTEGER NOT NULL,
    section    TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    column_key TEXT NOT NULL,
    value      NOT NULL,
    PRIMARY KEY (scope_year, section, row_id, column_key)
) WITHOUT ROWID;
