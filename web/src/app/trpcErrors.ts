import { TRPCClientError } from '@trpc/client';
import { HttpError } from 'react-admin';

/** What the server's error formatter adds to every tRPC error (see server/src/trpc/init.ts). */
interface OpsdeskErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: Record<string, string>;
  retryAfterSeconds?: number;
}

export function errorData(error: unknown): OpsdeskErrorData {
  if (error instanceof TRPCClientError) return (error.data ?? {}) as OpsdeskErrorData;
  return {};
}

export function errorCode(error: unknown): string | undefined {
  return errorData(error).code;
}

/** A sentence a person can act on; network failures do not carry a server message. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && !error.data) return 'Could not reach the Opsdesk server. Check your connection and try again.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * react-admin understands HttpError: its status drives checkError (401 signs out) and
 * `body.errors` puts server-side validation messages under the matching form fields.
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const data = errorData(error);
  const status = data.httpStatus ?? (error.data ? 500 : 0);
  return new HttpError(errorMessage(error), status, { code: data.code, errors: data.fieldErrors });
}
