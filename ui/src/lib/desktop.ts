/**
 * The two things the desktop window does differently from a browser tab: saving a report (a
 * save dialog and a file write, where a browser downloads) and opening an evidence link (in
 * the system browser, where a browser opens a tab). The Tauri plugins are loaded only in the
 * desktop window.
 */
import type { DeskConnection } from '../bindings/DeskConnection';
import type { Report } from '../bindings/Report';
import { ApiError, isTauri, toApiError } from './api';

/** Where a report went; `null` when the editor cancelled the save dialog. */
export type SavedReport = { kind: 'downloaded'; fileName: string } | { kind: 'file'; path: string } | null;

function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1) : null;
}

/** Saves a rendered report where the editor chooses (desktop) or as a download (browser). */
export async function saveReport(report: Report): Promise<SavedReport> {
  if (isTauri()) {
    const [{ save }, { writeTextFile }, { documentDir, join }] = await Promise.all([
      import('@tauri-apps/plugin-dialog'),
      import('@tauri-apps/plugin-fs'),
      import('@tauri-apps/api/path'),
    ]);
    const extension = extensionOf(report.file_name);
    // Start in Documents rather than wherever the app happened to be launched from.
    const defaultPath = await documentDir()
      .then((dir) => join(dir, report.file_name))
      .catch(() => report.file_name);
    const path = await save({
      title: 'Save verification report',
      defaultPath,
      filters: extension ? [{ name: 'Report', extensions: [extension] }] : [],
    });
    if (path === null) return null;
    try {
      await writeTextFile(path, report.content);
    } catch (reason) {
      throw new ApiError('io', `The report could not be written to ${path}: ${String(reason)}`);
    }
    return { kind: 'file', path };
  }
  const url = URL.createObjectURL(new Blob([report.content], { type: report.media_type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = report.file_name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; free it a little later, not at once.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { kind: 'downloaded', fileName: report.file_name };
}

/**
 * Opens an evidence link in the system browser from the desktop window (where following it
 * would replace ClaimDesk itself). In a browser the link's own `target="_blank"` does it.
 */
export function openLinkOutside(event: MouseEvent, url: string): void {
  if (!isTauri()) return;
  event.preventDefault();
  void import('@tauri-apps/plugin-opener').then(({ openUrl }) => openUrl(url));
}

async function shell<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const { invoke } = await import('@tauri-apps/api/core');
  try {
    return (await invoke(command, args)) as T;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/**
 * Which desk the window works on: its own file, or a desk server (desktop only; a browser is
 * always on the desk that served it).
 */
export function deskConnection(): Promise<DeskConnection | null> {
  if (!isTauri()) return Promise.resolve(null);
  return shell<DeskConnection>('desk_connection');
}

/** Signs in to a desk server and works on it from now on ("Open a shared desk…"). */
export function openSharedDesk(url: string, name: string, password: string): Promise<DeskConnection> {
  return shell<DeskConnection>('open_shared_desk', { url, name, password });
}

/** Works on this machine's own desk file again. */
export function openOwnDesk(): Promise<DeskConnection> {
  return shell<DeskConnection>('open_own_desk');
}
