-- Explanations typed for 提示性 (warning) findings. A finding's identity is (rule id, location),
-- so an explanation survives re-validation and reopening, and is dropped only with its finding.
CREATE TABLE explanations (
    year       INTEGER NOT NULL,
    rule_id    TEXT NOT NULL,
    location   TEXT NOT NULL,
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, rule_id, location)
);
