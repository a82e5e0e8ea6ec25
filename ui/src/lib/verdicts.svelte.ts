/**
 * The desk's verdict scale as the window knows it: loaded once, and replaced when the Export
 * dialog saves a new one, so the claim panel's verdict picker always offers the scale's levels.
 */
import type { VerdictScale } from '../bindings/VerdictScale';
import { call } from './api';

/** The scale in use; `null` until it has been loaded. */
export const verdictScale: { current: VerdictScale | null } = $state({ current: null });

let loading: Promise<void> | null = null;

/** Loads the scale if it is not known yet. */
export function loadVerdictScale(): Promise<void> {
  if (verdictScale.current) return Promise.resolve();
  loading ??= call('get_verdict_scale', {})
    .then((scales) => {
      verdictScale.current = scales.current;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Records the scale just saved. */
export function useVerdictScale(scale: VerdictScale): void {
  verdictScale.current = scale;
}
