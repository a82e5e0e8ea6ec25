/**
 * How a failed call is shown to an editor. The heading comes from the error's code (never
 * from its message), the message from the core, which writes it for people.
 */
import { ApiError, toApiError, type ApiErrorCode } from './api';

const headings: Record<ApiErrorCode, string> = {
  invalid_input: 'ClaimDesk cannot use that input',
  missing_field: 'Something is missing',
  too_large: 'That is too large for ClaimDesk',
  unsupported_format: 'ClaimDesk cannot read that file',
  invalid_url: 'That link cannot be used',
  not_found: 'It is no longer there',
  conflict: 'That clashes with what is stored',
  database_too_new: 'This database is from a newer ClaimDesk',
  database_damaged: 'The desk’s database is damaged',
  unauthenticated: 'Sign in first',
  forbidden: 'That is not yours to do',
  too_many_attempts: 'Too many attempts',
  database: 'The database reported a problem',
  io: 'A file could not be read or written',
  internal: 'Something went wrong inside ClaimDesk',
  dns: 'That site could not be found',
  connection: 'That site could not be reached',
  tls: 'The secure connection to that site failed',
  timeout: 'That site did not answer in time',
  http_status: 'That site answered with an error',
  too_many_redirects: 'That address redirects too often',
  not_html: 'That address is not a web page',
  no_text_layer: 'That PDF has no text to read',
  unreachable: 'ClaimDesk’s server cannot be reached',
  bad_response: 'The server gave an unexpected answer',
};

/** A short heading for an error, chosen by its code. */
export function errorHeading(error: ApiError): string {
  return headings[error.code] ?? headings.internal;
}

/** An error as the UI shows it. */
export interface ShownError {
  code: ApiErrorCode;
  heading: string;
  message: string;
  /** The field the error is about, when the core named one. */
  field?: string;
  /** For a conflict with a colleague's change: who made it. */
  changedBy?: string;
}

/** Anything a call rejected with, ready to show. */
export function showable(reason: unknown): ShownError {
  const error = toApiError(reason);
  return {
    code: error.code,
    heading: error.code === 'conflict' && error.changedBy ? `${error.changedBy} changed it first` : errorHeading(error),
    message: error.message,
    field: error.field,
    changedBy: error.changedBy,
  };
}
