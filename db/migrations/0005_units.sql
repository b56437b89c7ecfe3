-- A year entered per unit (desktop/domain/department_units.py). Its per-unit sections are then
-- held by each unit of the department under a qualified section key ("functional_income@r2",
-- units-table row r2) in cells, table_rows and cell_sources, and the department's copies are the
-- units' 汇总: computed on loading, never stored. A year from before this column is not (0).
ALTER TABLE years ADD COLUMN per_unit INTEGER NOT NULL DEFAULT 0;
