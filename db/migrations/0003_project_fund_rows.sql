-- 项目资金 became a fixed block per project (resources/schema/sections.json, project_funds.fixed_rows):
-- every project has one row per source 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金.
-- Older files hold only the rows a clerk added. This adds each missing source row (holding only its
-- project and source) after the table's rows; every existing row keeps its id, its position and its
-- figures. A second row for the same source, or a row without a source, is left as it is: the
-- window shows it below the block and the score names it, so nothing is lost or silently merged.
-- The source list is this migration's own copy: the file is applied once, as written.

CREATE TEMP TABLE fund_sources (idx INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO fund_sources VALUES (0, '年度资金总额'), (1, '当年财政拨款'), (2, '上年结转资金'), (3, '其他资金');

-- (year, project, source) of every project of every year, with the new row's id and position
CREATE TEMP TABLE missing_funds AS
SELECT p.scope_year AS scope_year, p.row_id AS project, s.name AS source,
       'm' || p.position || '-' || s.idx AS row_id,
       (SELECT COALESCE(MAX(t.position), -1) FROM table_rows t
         WHERE t.scope_year = p.scope_year AND t.section = 'project_funds') + 1 + p.position * 4 + s.idx AS position
  FROM table_rows p CROSS JOIN fund_sources s
 WHERE p.section = 'projects'
   AND NOT EXISTS (
       SELECT 1 FROM table_rows f
         JOIN cells cp ON cp.scope_year = f.scope_year AND cp.section = f.section AND cp.row_id = f.row_id
                      AND cp.column_key = 'project' AND cp.value = p.row_id
         JOIN cells cs ON cs.scope_year = f.scope_year AND cs.section = f.section AND cs.row_id = f.row_id
                      AND cs.column_key = 'source' AND cs.value = s.name
        WHERE f.scope_year = p.scope_year AND f.section = 'project_funds');

-- an id already taken (never by a program-made row: those are r1, r2 …) is skipped, never overwritten
DELETE FROM missing_funds
 WHERE EXISTS (SELECT 1 FROM table_rows t WHERE t.scope_year = missing_funds.scope_year
                  AND t.section = 'project_funds' AND t.row_id = missing_funds.row_id);

INSERT INTO table_rows (scope_year, section, row_id, position)
SELECT scope_year, 'project_funds', row_id, position FROM missing_funds;
INSERT INTO cells (scope_year, section, row_id, column_key, value)
SELECT scope_year, 'project_funds', row_id, 'project', project FROM missing_funds;
INSERT INTO cells (scope_year, section, row_id, column_key, value)
SELECT scope_year, 'project_funds', row_id, 'source', source FROM missing_funds;

DROP TABLE missing_funds;
DROP TABLE fund_sources;
