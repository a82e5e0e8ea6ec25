-- ClaimDesk schema: a desk for a newsroom (its version is the number in the file name).
--
-- - Editors' accounts and their sign-in sessions, for a desk served to several editors
--   (`claimdesk serve --require-login`, or on a network address). A desk without accounts
--   works as before, for the one editor at the machine.
-- - Articles and claims can be assigned to an editor ("who holds what").
--
-- Plain SQL that another database could run too: no SQLite collations (the name key is
-- lower-cased by ClaimDesk), timestamps as UTC RFC 3339 text like everywhere else.

-- An editor who signs in to the desk. `name` is what history records for their changes;
-- `name_key` is the name lower-cased, so two accounts cannot differ only in case.
CREATE TABLE editors (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    name_key            TEXT NOT NULL UNIQUE,
    -- Argon2id, as a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    password_hash       TEXT NOT NULL,
    admin               INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    -- A disabled account cannot sign in; its name stays in the history it wrote.
    disabled_at         TEXT
) STRICT;

-- A signed-in browser or desktop app. Only a hash of the session's secret is stored, so a
-- copy of the database (a backup) does not hand out live sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    editor_id  INTEGER NOT NULL REFERENCES editors (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_by_editor ON sessions (editor_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Who holds the article, or the claim (a claim without its own assignee is held by whoever
-- holds its article). The editor's name, as history records it.
ALTER TABLE articles ADD COLUMN assignee TEXT;
ALTER TABLE claims ADD COLUMN assignee TEXT;

CREATE INDEX articles_by_assignee ON articles (assignee);
-- Few claims have an assignee of their own: a partial index of just those, covering what the
-- library's "who holds what" counts read, so it never scans the claims.
CREATE INDEX claims_by_assignee ON claims (assignee, article_id, removed_at)
WHERE assignee IS NOT NULL;

-- Each article's claims by status (retired claims left out), kept by the triggers below, so
-- the library lists a thousand articles with their progress by reading a thousand rows instead
-- of counting a hundred thousand claims on every load.
CREATE TABLE article_claim_counts (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    claims     INTEGER NOT NULL CHECK (claims >= 0),
    PRIMARY KEY (article_id, status)
) STRICT, WITHOUT ROWID;

INSERT INTO article_claim_counts (article_id, status, claims)
SELECT article_id, status, count(*) FROM claims WHERE removed_at IS NULL
GROUP BY article_id, status;

CREATE TRIGGER article_claim_counts_insert AFTER INSERT ON claims WHEN new.removed_at IS NULL
BEGIN
    INSERT INTO article_claim_counts (article_id, status, claims)
    VALUES (new.article_id, new.status, 1)
    ON CONFLICT (article_id, status) DO UPDATE SET claims = claims + 1;
END;

CREATE TRIGGER article_claim_counts_delete AFTER DELETE ON claims WHEN old.removed_at IS NULL
BEGIN
    UPDATE article_claim_counts SET claims = claims - 1
    WHERE article_id = old.article_id AND status = old.status;
END;

CREATE TRIGGER article_claim_counts_update
AFTER UPDATE OF status, removed_at, article_id ON claims
BEGIN
    UPDATE article_claim_counts SET claims = claims - 1
    WHERE old.removed_at IS NULL AND article_id = old.article_id AND status = old.status;
    INSERT INTO article_claim_counts (article_id, status, claims)
    SELECT new.article_id, new.status, 1 WHERE new.removed_at IS NULL
    ON CONFLICT (article_id, status) DO UPDATE SET claims = claims + 1;
END;
