/**
 * The claim panel's "What we publish" form apart from its markup: the draft an editor edits,
 * what of it differs from the stored claim (only that is sent to `edit_claim`), and the drafts
 * kept per claim, so that leaving a claim (Escape, j, a click in the list) never drops what
 * was typed.
 */
import type { Claim } from '../bindings/Claim';
import type { ClaimKind } from '../bindings/ClaimKind';
import type { DateEdit } from '../bindings/DateEdit';
import type { EditClaimArgs } from '../bindings/EditClaimArgs';
import type { SpeakerCount } from '../bindings/SpeakerCount';
import type { SpeakerType } from '../bindings/SpeakerType';

/** One date of the claim as the form edits it. */
export interface DateDraft {
  start: number;
  end: number;
  /** The expression as written ("next month"). */
  text: string;
  /** What it resolves to, as typed. */
  value: string;
  /** Marked to be taken off the claim. */
  removed: boolean;
}

/** The form's fields. */
export interface CorrectionDraft {
  wording: string;
  speaker: string;
  /** Nobody made the claim: the outlet asserts it. */
  noSpeaker: boolean;
  role: string;
  speakerType: SpeakerType | '';
  kind: ClaimKind;
  dates: DateDraft[];
  reviewUrl: string;
}

/** The form as the stored claim fills it. */
export function draftOf(claim: Claim): CorrectionDraft {
  return {
    wording: claim.claim_text ?? claim.text,
    speaker: claim.speaker ?? '',
    noSpeaker: claim.speaker === null,
    role: claim.speaker_role ?? '',
    speakerType: claim.speaker_type ?? '',
    kind: claim.kind,
    dates: claim.dates.map((date) => ({
      start: date.start,
      end: date.end,
      text: date.text,
      value: date.value ?? '',
      removed: false,
    })),
    reviewUrl: claim.review_url ?? '',
  };
}

const oneLine = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

/**
 * The `edit_claim` arguments that change what differs between `draft` and `claim`; `null`
 * when nothing does.
 */
export function correctionArgs(claim: Claim, draft: CorrectionDraft): EditClaimArgs | null {
  const args: EditClaimArgs = { claim_id: claim.id };
  let changed = false;
  const stored = draftOf(claim);
  const wording = oneLine(draft.wording);
  if (wording !== oneLine(stored.wording)) {
    // Empty, or the article's own words: back to the span's text.
    args.claim_text = wording === oneLine(claim.text) ? '' : wording;
    changed = true;
  }
  if (draft.noSpeaker) {
    if (claim.speaker !== null) {
      args.speaker = '';
      changed = true;
    }
  } else {
    const speaker = oneLine(draft.speaker);
    if (speaker === '' && claim.speaker !== null) {
      args.speaker = '';
      changed = true;
    } else if (speaker !== '') {
      if (speaker !== claim.speaker) {
        args.speaker = speaker;
        changed = true;
      }
      const role = oneLine(draft.role);
      if (role !== (claim.speaker_role ?? '')) {
        args.speaker_role = role;
        changed = true;
      }
      if (draft.speakerType !== '' && draft.speakerType !== claim.speaker_type) {
        args.speaker_type = draft.speakerType;
        changed = true;
      }
    }
  }
  if (draft.kind !== claim.kind) {
    args.kind = draft.kind;
    changed = true;
  }
  const dates = draft.dates.flatMap((date): DateEdit[] => {
    const before = claim.dates.find((d) => d.start === date.start && d.end === date.end);
    if (!before) return [];
    if (date.removed) return [{ start: date.start, end: date.end, remove: true }];
    const value = date.value.trim();
    if (value === (before.value ?? '') || value === '') return [];
    return [{ start: date.start, end: date.end, value }];
  });
  if (dates.length > 0) {
    args.dates = dates;
    changed = true;
  }
  const reviewUrl = draft.reviewUrl.trim();
  if (reviewUrl !== (claim.review_url ?? '')) {
    args.review_url = reviewUrl;
    changed = true;
  }
  return changed ? args : null;
}

/**
 * A speaker the desk knows, picked by name (any capitalisation): the form takes their role
 * and type unless the editor has typed their own.
 */
export function withKnownSpeaker(draft: CorrectionDraft, speakers: readonly SpeakerCount[]): CorrectionDraft {
  const name = oneLine(draft.speaker).toLowerCase();
  const known = speakers.find((speaker) => speaker.speaker.toLowerCase() === name);
  if (!known) return draft;
  return {
    ...draft,
    role: draft.role.trim() === '' ? (known.role ?? '') : draft.role,
    speakerType: draft.speakerType === '' ? (known.speaker_type ?? '') : draft.speakerType,
  };
}

/** Unsaved edits kept per claim while the editor works elsewhere, for the session. */
export class Drafts<T> {
  private kept = new Map<number, T>();

  /** What was typed for a claim, if anything is kept. */
  get(claimId: number): T | undefined {
    return this.kept.get(claimId);
  }

  /** Keeps what was typed for a claim; `null` forgets it (saved, or discarded). */
  set(claimId: number, draft: T | null): void {
    if (draft === null) this.kept.delete(claimId);
    else this.kept.set(claimId, draft);
  }

  /** How many claims have unsaved edits. */
  get size(): number {
    return this.kept.size;
  }
}

/** Unsaved corrections of every claim, for the session: leaving a claim never drops them. */
export const correctionDrafts = new Drafts<CorrectionDraft>();
