-- ClaimDesk schema version 3: editors' corrections of what the desk publishes.
--
-- The engine's reading of a claim (its speaker, kind and dates) is corrected in place, each
-- change a history row as always; what the engine had stays in that history. Two things the
-- engine never says are added: the claim as the desk checked it (its wording), and a speaker's
-- role and whether the speaker is a person or an organisation. Each claim may also name the
-- page its fact check is published on (ClaimReview's `url`).

-- The claim as checked, which reports and ClaimReview publish; NULL: the span's own text. The
-- span (`text`, `start`, `end`) stays the claim's anchor in the article.
ALTER TABLE claims ADD COLUMN claim_text TEXT CHECK (claim_text IS NULL OR length(claim_text) > 0);
-- The speaker's role ("Foreign affairs adviser"), published as the author's jobTitle.
ALTER TABLE claims ADD COLUMN speaker_role TEXT
    CHECK (speaker_role IS NULL OR length(speaker_role) > 0);
-- Whether the speaker is a person or an organisation; NULL: not said (read from the name).
ALTER TABLE claims ADD COLUMN speaker_type TEXT
    CHECK (speaker_type IS NULL OR speaker_type IN ('person', 'organisation'));
-- The page of this claim's fact check; NULL: the organisation's URL template decides.
ALTER TABLE claims ADD COLUMN review_url TEXT
    CHECK (review_url IS NULL OR review_url LIKE 'http://%' OR review_url LIKE 'https://%');

-- The role and type the desk last gave each speaker, so that picking a known speaker brings
-- them along. Only corrected claims carry them, so the index stays small.
CREATE INDEX claims_speaker_details ON claims (speaker COLLATE NOCASE, updated_at)
    WHERE speaker_role IS NOT NULL OR speaker_type IS NOT NULL;
