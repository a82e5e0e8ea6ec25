-- ClaimDesk schema version 5: photo captions' claims out of the review list by default, and a
-- speaker filter that matches any word of a name.
--
-- The claim list leaves the claims of photo captions out unless the editor asks for them, so
-- every list and count filters on `caption`. The list's covering indexes gain the column (last:
-- the list order and every other filter use them as before), so that a page and its total
-- still come from the index alone on a desk of 100,000 claims.

DROP INDEX claims_listed;
DROP INDEX claims_listed_by_status;
CREATE INDEX claims_listed ON claims (
    hidden, article_id DESC, start, status, kind, score, checkworthy, updated_at, caption);
CREATE INDEX claims_listed_by_status ON claims (
    hidden, status, article_id DESC, start, kind, score, checkworthy, updated_at, caption);
-- The speaker filter matches any word of a name ("Trump" finds "Donald Trump"): the matching
-- names come from one pass over this index, then their claims through it, caption included.
DROP INDEX claims_by_speaker;
CREATE INDEX claims_by_speaker ON claims (speaker COLLATE NOCASE, hidden, caption);
