-- ClaimDesk schema version 7: a library of published fact-checks ("checked before?") and the
-- meaning of each claim as a sentence embedding.
--
-- - `fact_checks` holds fact-checks other desks published (imported from JSON Lines or
--   schema.org ClaimReview). `source_key` is the publisher's identifier (or the review's URL):
--   importing the same file again updates the rows, never duplicates them.
-- - Each fact-check's claim and title are embedded by the sentence encoder; the vectors are
--   stored as compact blobs (384 half-precision floats, 768 bytes) with the model that made
--   them, so a new model re-embeds instead of mixing two vector spaces. A fact-check whose
--   text changed loses its vectors until they are computed again.
-- - `claim_vectors` holds the same embedding of each claim on the desk: it ranks fact-checks
--   for the claim panel and finds the claim's rewordings elsewhere on the desk.

CREATE TABLE fact_checks (
    id          INTEGER PRIMARY KEY,
    source_key  TEXT NOT NULL UNIQUE,
    claim       TEXT NOT NULL CHECK (claim != ''),
    title       TEXT,
    subtitle    TEXT,
    -- An absolute http(s) link, when the source gives one.
    url         TEXT CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
    rating      TEXT,
    publisher   TEXT,
    author      TEXT,
    -- The day it was published, YYYY-MM-DD, when the source gives one that reads as a date.
    published   TEXT,
    -- The file it was last imported from, as named by whoever imported it.
    source_file TEXT,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- SHA-256 of what the vectors are computed from (claim, title): a change clears them.
    text_hash   TEXT NOT NULL,
    -- The encoder that computed the vectors (NULL: not computed yet).
    vector_model TEXT,
    claim_vector BLOB,
    title_vector BLOB,
    CHECK ((vector_model IS NULL) = (claim_vector IS NULL))
) STRICT;

-- The fact-checks still to embed for a model are found without reading the library.
CREATE INDEX fact_checks_by_vector_model ON fact_checks (vector_model);

CREATE TABLE claim_vectors (
    claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    model    TEXT NOT NULL,
    vector   BLOB NOT NULL
) STRICT;

-- A claim whose words change loses its vector (it no longer says what the vector says); the
-- store computes the new one before it links the claim's repeats again.
CREATE TRIGGER claim_vectors_follow_the_text AFTER UPDATE OF text ON claims
WHEN old.text IS NOT new.text
BEGIN
    DELETE FROM claim_vectors WHERE claim_id = new.id;
END;
