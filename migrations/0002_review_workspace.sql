-- ClaimDesk schema version 2: the review workspace.
--
-- - Articles can be deleted and restored (soft delete: reviewed work is never lost).
-- - Editors change claims themselves (span, split, merge, add); a claim merged into another or
--   whose addition was undone is retired (`removed_at`), never deleted.
-- - Every change belongs to an action (one editor command), so that undo can revert a whole
--   command by appending compensating history; actions are append-only like history.
-- - Repeated claims are linked through a fingerprint and locality-sensitive signatures, so
--   finding a claim's repeats never compares it with every other claim.
-- - Claims' resolved dates get an index of their own for the date filter.

ALTER TABLE articles ADD COLUMN deleted_at TEXT;
ALTER TABLE articles ADD COLUMN deleted_by TEXT;

CREATE INDEX articles_by_published ON articles (published);

-- When an editor retired the claim (merged into another, or its addition undone).
ALTER TABLE claims ADD COLUMN removed_at TEXT;
-- 1 while the claim is off the desk: retired, or in a deleted article. Kept by the triggers
-- below so that lists, counts and search filter on one indexed column.
ALTER TABLE claims ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
-- The repeat measure's key of the claim's wording (hex hash); NULL until computed in Rust.
ALTER TABLE claims ADD COLUMN fingerprint TEXT;

CREATE INDEX claims_by_fingerprint ON claims (fingerprint);
CREATE INDEX claims_by_speaker ON claims (speaker COLLATE NOCASE, hidden);

-- The claim list's indexes: in list order (newest article first, then position), with every
-- column a filter or a count reads, so that a page and its total come from the index alone.
DROP INDEX claims_by_status;
CREATE INDEX claims_listed ON claims (
    hidden, article_id DESC, start, status, kind, score, checkworthy, updated_at);
CREATE INDEX claims_listed_by_status ON claims (
    hidden, status, article_id DESC, start, kind, score, checkworthy, updated_at);

CREATE TRIGGER claims_hidden_when_retired AFTER UPDATE OF removed_at ON claims
BEGIN
    UPDATE claims
    SET hidden = (new.removed_at IS NOT NULL
                  OR EXISTS (SELECT 1 FROM articles
                             WHERE id = new.article_id AND deleted_at IS NOT NULL))
    WHERE id = new.id;
END;

CREATE TRIGGER claims_hidden_with_their_article AFTER UPDATE OF deleted_at ON articles
BEGIN
    UPDATE claims SET hidden = (removed_at IS NOT NULL OR new.deleted_at IS NOT NULL)
    WHERE article_id = new.id;
END;

-- The claims' full-text index holds only claims on the desk, so a search never reads a claim
-- row to leave out the hidden ones, and its match count is the answer.
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims WHEN new.hidden = 0
BEGIN
    INSERT INTO claims_fts (rowid, text, note) VALUES (new.id, new.text, new.note);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims WHEN old.hidden = 0
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, note)
    VALUES ('delete', old.id, old.text, old.note);
END;

-- One trigger, so that the old entry always leaves before the new one arrives.
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, note, hidden ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, note)
    SELECT 'delete', old.id, old.text, old.note WHERE old.hidden = 0;
    INSERT INTO claims_fts (rowid, text, note)
    SELECT new.id, new.text, new.note WHERE new.hidden = 0;
END;

-- One editor command (mark a claim, split it, rename an article, undo, ...). Its history rows
-- point at it. `undoes` names the action an undo reverted; each action is undone at most once.
CREATE TABLE actions (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    "by"       TEXT NOT NULL,
    -- Not CHECK-constrained, like history.change; the Rust enum validates.
    kind       TEXT NOT NULL,
    -- What the editor reads: "marked Disputed", "split the claim".
    label      TEXT NOT NULL,
    article_id INTEGER REFERENCES articles (id),
    claim_id   INTEGER REFERENCES claims (id),
    undoes     INTEGER UNIQUE REFERENCES actions (id)
) STRICT;

CREATE INDEX actions_by_reviewer ON actions ("by", id);

CREATE TRIGGER actions_are_append_only_update BEFORE UPDATE ON actions
BEGIN
    SELECT RAISE(ABORT, 'actions are append-only: they cannot be changed');
END;

CREATE TRIGGER actions_are_append_only_delete BEFORE DELETE ON actions
BEGIN
    SELECT RAISE(ABORT, 'actions are append-only: they cannot be deleted');
END;

-- The action a history row belongs to (NULL for rows written by schema version 1), and the
-- machine-readable detail undo needs (a span's offsets before and after, ...).
ALTER TABLE history ADD COLUMN action_id INTEGER REFERENCES actions (id);
ALTER TABLE history ADD COLUMN data TEXT CHECK (data IS NULL OR json_valid(data));

CREATE INDEX history_by_action ON history (action_id);

-- Locality-sensitive signatures of each claim's wording (MinHash bands): two claims that
-- share a band are candidates for being the same claim, and only candidates are compared.
CREATE TABLE claim_signatures (
    band     INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    PRIMARY KEY (band, claim_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX claim_signatures_by_claim ON claim_signatures (claim_id);

-- Pairs of claims that are the same claim (same wording or a near-identical rewording), each
-- pair stored once with the smaller id first.
CREATE TABLE claim_links (
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    similarity REAL NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
    PRIMARY KEY (claim_id, other_id),
    CHECK (claim_id < other_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX claim_links_by_other ON claim_links (other_id);

-- Each resolved date of a claim as the days it covers: a day covers itself, a month
-- (`2024-07`) its days, a year (`2024`) its year. Kept in step with claims.dates by triggers.
CREATE TABLE claim_dates (
    claim_id  INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL
) STRICT;

CREATE INDEX claim_dates_by_day ON claim_dates (first_day, last_day);
CREATE INDEX claim_dates_by_claim ON claim_dates (claim_id);

CREATE VIEW claim_date_ranges (claim_id, first_day, last_day) AS
SELECT claim_id, first_day, last_day FROM (
    SELECT c.id AS claim_id,
           CASE length(d.value ->> '$.value')
               WHEN 4 THEN (d.value ->> '$.value') || '-01-01'
               WHEN 7 THEN (d.value ->> '$.value') || '-01'
               ELSE d.value ->> '$.value'
           END AS first_day,
           CASE length(d.value ->> '$.value')
               WHEN 4 THEN (d.value ->> '$.value') || '-12-31'
               WHEN 7 THEN date((d.value ->> '$.value') || '-01', '+1 month', '-1 day')
               ELSE date(d.value ->> '$.value')
           END AS last_day
    FROM claims AS c, json_each(c.dates) AS d
    WHERE (d.value ->> '$.value') GLOB '[0-9][0-9][0-9][0-9]'
       OR (d.value ->> '$.value') GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
       OR (d.value ->> '$.value') GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
)
WHERE last_day IS NOT NULL AND first_day <= last_day;

INSERT INTO claim_dates (claim_id, first_day, last_day)
SELECT claim_id, first_day, last_day FROM claim_date_ranges;

CREATE TRIGGER claim_dates_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_dates (claim_id, first_day, last_day)
    SELECT claim_id, first_day, last_day FROM claim_date_ranges WHERE claim_id = new.id;
END;

CREATE TRIGGER claim_dates_update AFTER UPDATE OF dates ON claims
BEGIN
    DELETE FROM claim_dates WHERE claim_id = old.id;
    INSERT INTO claim_dates (claim_id, first_day, last_day)
    SELECT claim_id, first_day, last_day FROM claim_date_ranges WHERE claim_id = new.id;
END;
