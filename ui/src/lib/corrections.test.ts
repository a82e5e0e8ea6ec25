import { describe, expect, it } from 'vitest';
import type { Claim } from '../bindings/Claim';
import { correctionArgs, draftOf, Drafts, withKnownSpeaker } from './corrections';

const claim: Claim = {
  id: 7,
  article_id: 2,
  status: 'unreviewed',
  verdict: null,
  note: '',
  origin: 'engine',
  text: 'talks with Ukraine would be held in Danang, Vietnam, next month',
  start: 100,
  end: 163,
  sentence_start: 40,
  sentence_end: 164,
  score: 0.8,
  checkworthy: true,
  kind: 'prediction',
  speaker: 'Putin’s foreign affairs adviser',
  dates: [{ text: 'next month', start: 153, end: 163, value: '2025-04' }],
  reasons: [],
  caption: false,
  created_at: '2025-03-14T09:00:00Z',
  updated_at: '2025-03-14T09:00:00Z',
  removed_at: null,
  claim_text: null,
  speaker_role: null,
  speaker_type: null,
  review_url: null,
  assignee: null,
  revision: 0,
};

describe('correctionArgs', () => {
  it('sends nothing when nothing changed', () => {
    expect(correctionArgs(claim, draftOf(claim))).toBeNull();
    // Whitespace is not a change of wording.
    expect(correctionArgs(claim, { ...draftOf(claim), wording: ` ${claim.text}\n` })).toBeNull();
  });

  it('sends only the fields that differ', () => {
    const draft = {
      ...draftOf(claim),
      wording: 'Ukraine talks will be held in Vietnam',
      speaker: 'Yuri Ushakov',
      role: 'Foreign affairs adviser',
      speakerType: 'person' as const,
    };
    expect(correctionArgs(claim, draft)).toEqual({
      claim_id: 7,
      claim_text: 'Ukraine talks will be held in Vietnam',
      speaker: 'Yuri Ushakov',
      speaker_role: 'Foreign affairs adviser',
      speaker_type: 'person',
    });
  });

  it('clears the speaker when the outlet asserts the claim, and resets the wording', () => {
    const reworded = { ...claim, claim_text: 'Talks in Vietnam' };
    const draft = { ...draftOf(reworded), noSpeaker: true, wording: reworded.text };
    expect(correctionArgs(reworded, draft)).toEqual({ claim_id: 7, speaker: '', claim_text: '' });
  });

  it('corrects and removes dates by their place in the article', () => {
    const draft = draftOf(claim);
    draft.dates[0].value = '2025-05';
    expect(correctionArgs(claim, draft)?.dates).toEqual([{ start: 153, end: 163, value: '2025-05' }]);
    draft.dates[0].removed = true;
    expect(correctionArgs(claim, draft)?.dates).toEqual([{ start: 153, end: 163, remove: true }]);
  });

  it('sets and clears the review page', () => {
    expect(correctionArgs(claim, { ...draftOf(claim), reviewUrl: ' https://factdesk.example/c/7 ' })).toEqual({
      claim_id: 7,
      review_url: 'https://factdesk.example/c/7',
    });
    const withPage = { ...claim, review_url: 'https://factdesk.example/c/7' };
    expect(correctionArgs(withPage, { ...draftOf(withPage), reviewUrl: '' })).toEqual({ claim_id: 7, review_url: '' });
  });
});

describe('withKnownSpeaker', () => {
  const speakers = [{ speaker: 'Yuri Ushakov', claims: 3, role: 'Foreign affairs adviser', speaker_type: 'person' as const }];

  it('brings a known speaker’s role and type, unless the editor typed their own', () => {
    const picked = withKnownSpeaker({ ...draftOf(claim), speaker: 'yuri ushakov', role: '' }, speakers);
    expect([picked.role, picked.speakerType]).toEqual(['Foreign affairs adviser', 'person']);
    const typed = withKnownSpeaker({ ...draftOf(claim), speaker: 'Yuri Ushakov', role: 'Aide' }, speakers);
    expect(typed.role).toBe('Aide');
    const unknown = withKnownSpeaker({ ...draftOf(claim), speaker: 'Someone else' }, speakers);
    expect(unknown.role).toBe('');
  });
});

describe('Drafts', () => {
  it('keeps a draft per claim until it is saved or discarded', () => {
    const drafts = new Drafts<string>();
    drafts.set(1, 'typed');
    drafts.set(2, 'other');
    expect(drafts.get(1)).toBe('typed');
    drafts.set(1, null);
    expect(drafts.get(1)).toBeUndefined();
    expect(drafts.size).toBe(1);
  });
});
