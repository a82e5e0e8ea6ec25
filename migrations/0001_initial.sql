-- ClaimDesk schema version 1: articles, their claims, evidence links, the append-only history
-- of every review change, settings, and full-text indexes over claims and articles.
--
-- Timestamps are UTC RFC 3339 text; dates are ISO 8601 days. Offsets are character (Unicode
-- scalar value) offsets into articles.body, end exclusive.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    outlet        TEXT,
    byline        TEXT,
    url           TEXT,
    published     TEXT,
    imported_at   TEXT NOT NULL,
    source_file   TEXT,
    source_format TEXT NOT NULL CHECK (source_format IN ('text', 'html')),
    body          TEXT NOT NULL,
    -- SHA-256 of the whitespace-normalised body: the same article is stored once.
    content_hash  TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    -- Deleting an article takes its claims with it, unless history refers to them (below).
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start          INTEGER NOT NULL CHECK (start >= 0),
    "end"          INTEGER NOT NULL CHECK ("end" > start),
    sentence_start INTEGER NOT NULL CHECK (sentence_start <= start),
    sentence_end   INTEGER NOT NULL CHECK (sentence_end >= "end"),
    text           TEXT NOT NULL,
    -- Not CHECK-constrained: the engine's taxonomy may grow, and the Rust enum validates.
    kind           TEXT NOT NULL,
    speaker        TEXT,
    dates          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dates)),
    score          REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    reasons        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
    checkworthy    INTEGER NOT NULL CHECK (checkworthy IN (0, 1)),
    caption        INTEGER NOT NULL DEFAULT 0 CHECK (caption IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'unreviewed' CHECK (status IN (
                       'unreviewed', 'in_progress', 'needs_evidence',
                       'verified', 'disputed', 'dismissed')),
    verdict        TEXT,
    note           TEXT NOT NULL DEFAULT '',
    origin         TEXT NOT NULL CHECK (origin IN ('engine', 'editor')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX claims_by_article ON claims (article_id, start);
CREATE INDEX claims_by_status ON claims (status);

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    url        TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title      TEXT,
    stance     TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    note       TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    -- Removed links stay (the history points at them) but leave the claim.
    removed_at TEXT,
    removed_by TEXT
) STRICT;

CREATE INDEX evidence_by_claim ON evidence (claim_id);

-- Every change to a claim's review, written in the same transaction as the change.
-- The foreign keys have no ON DELETE action, so a claim or article with history cannot be
-- deleted out from under it: removing reviewed work has to be an explicit, recorded act.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id),
    claim_id    INTEGER REFERENCES claims (id),
    evidence_id INTEGER REFERENCES evidence (id),
    at          TEXT NOT NULL,
    "by"        TEXT NOT NULL,
    -- Not CHECK-constrained so that later versions can record new kinds of change without
    -- rebuilding an append-only table; the Rust enum validates.
    change      TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT
) STRICT;

CREATE INDEX history_by_claim ON history (claim_id, id);
CREATE INDEX history_by_article ON history (article_id, id);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: entries cannot be changed');
END;

CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: entries cannot be deleted');
END;

-- Full-text search over claims (text and note) and articles (title and body), as external
-- content tables kept in step by triggers, so the text is stored once.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, note,
    content = 'claims', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claims_fts (rowid, text, note) VALUES (new.id, new.text, new.note);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, note)
    VALUES ('delete', old.id, old.text, old.note);
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, note ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, note)
    VALUES ('delete', old.id, old.text, old.note);
    INSERT INTO claims_fts (rowid, text, note) VALUES (new.id, new.text, new.note);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
