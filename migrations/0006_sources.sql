-- ClaimDesk schema version 6: where articles come from, and evidence that outlives its link.
--
-- - Every article keeps its source: where it came from (a web address, a feed item, a file),
--   when it was read, and the original bytes (deflate-compressed, capped), so that it can be
--   read again by a newer reader without fetching it again.
-- - Articles gain the page's modification day, its language and `text_key`, the hash of their
--   normalised words (computed in Rust), which recognises the same story in two forms.
-- - Feeds an editor subscribed to, and the items seen in each, so that no item is imported
--   twice.
-- - Each evidence link keeps a snapshot of the page it points to (the text as read, its
--   title, status, final address, SHA-256 and the raw page, capped), the quote an editor
--   chose in it, and an Internet Archive copy when the desk asks for one.

ALTER TABLE articles ADD COLUMN modified TEXT;
ALTER TABLE articles ADD COLUMN language TEXT;
-- SHA-256 of the article's words, lower-cased, without punctuation and without a first
-- paragraph that repeats the headline; NULL until computed in Rust (on open, for old rows).
ALTER TABLE articles ADD COLUMN text_key TEXT;

CREATE INDEX articles_by_text_key ON articles (text_key);

CREATE TABLE feeds (
    id         INTEGER PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title      TEXT,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    -- The last refresh: when, and why it failed if it did.
    checked_at TEXT,
    last_error TEXT,
    -- Unsubscribed feeds stay, since their items name the articles they brought in.
    removed_at TEXT
) STRICT;

CREATE TABLE article_sources (
    article_id      INTEGER PRIMARY KEY REFERENCES articles (id),
    kind            TEXT NOT NULL CHECK (kind IN ('url', 'feed', 'file', 'pasted')),
    -- The address asked for, or the file's name.
    location        TEXT,
    -- The address that answered, after redirects.
    final_url       TEXT,
    fetched_at      TEXT NOT NULL,
    http_status     INTEGER,
    media_type      TEXT,
    -- The bytes as read, deflate-compressed; NULL when they were over the cap.
    original        BLOB,
    original_size   INTEGER NOT NULL,
    original_sha256 TEXT NOT NULL,
    -- Which reader made the body ("trafilatura 0.6"), and when it last did.
    reader          TEXT,
    read_at         TEXT,
    feed_id         INTEGER REFERENCES feeds (id)
) STRICT;

CREATE TABLE feed_items (
    feed_id       INTEGER NOT NULL REFERENCES feeds (id),
    -- The item's guid (or id), else its link: what makes it the same item next time.
    item_key      TEXT NOT NULL,
    url           TEXT,
    title         TEXT,
    published     TEXT,
    seen_at       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('new', 'imported', 'already_present', 'failed')),
    article_id    INTEGER REFERENCES articles (id),
    error_code    TEXT,
    error_message TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, item_key)
) STRICT;

ALTER TABLE evidence ADD COLUMN quote TEXT;
-- The quote's place in the snapshot's text: character offsets, end exclusive.
ALTER TABLE evidence ADD COLUMN quote_start INTEGER;
ALTER TABLE evidence ADD COLUMN quote_end INTEGER;

CREATE TABLE evidence_snapshots (
    evidence_id   INTEGER PRIMARY KEY REFERENCES evidence (id),
    -- The last successful read of the page.
    fetched_at    TEXT,
    status        INTEGER,
    final_url     TEXT,
    title         TEXT,
    text          TEXT,
    sha256        TEXT,
    raw           BLOB,
    raw_size      INTEGER,
    -- The last attempt, successful or not: a page that is gone keeps its snapshot above.
    checked_at    TEXT NOT NULL,
    check_status  INTEGER,
    error_code    TEXT,
    error_message TEXT,
    -- The Internet Archive's copy, when the desk asks for one.
    archive_url   TEXT,
    archive_error TEXT
) STRICT;
