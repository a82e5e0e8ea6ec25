/**
 * The editors work can be assigned to (`list_editors`): loaded once per window and shared by
 * the claim panel and the library.
 */
import type { Editor } from '../bindings/Editor';
import { call } from './api';

/** The editors, once loaded; empty before. */
export const editors: { list: Editor[] } = $state({ list: [] });

let loading: Promise<void> | null = null;

/** Loads the editors (again when `fresh`). */
export function loadEditors(fresh = false): Promise<void> {
  if (loading && !fresh) return loading;
  loading = call('list_editors', {})
    .then((list) => {
      editors.list = list;
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}
