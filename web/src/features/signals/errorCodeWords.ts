import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/**
 * tRPC's error codes as on-call reads them in the errors breakdown: what happened in
 * words, the code beside it (what the logs and alerts say). A `Record` over tRPC's own
 * code type, so a code a tRPC upgrade adds fails the typecheck until it has words.
 */
const TRPC_CODE_WORDS: Record<TRPC_ERROR_CODE_KEY, string> = {
  PARSE_ERROR: 'Unreadable request',
  BAD_REQUEST: 'Invalid input',
  UNAUTHORIZED: 'Not signed in',
  PAYMENT_REQUIRED: 'Payment required',
  FORBIDDEN: 'Not permitted',
  NOT_FOUND: 'Not found',
  METHOD_NOT_SUPPORTED: 'Method not supported',
  TIMEOUT: 'Timed out',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  PRECONDITION_REQUIRED: 'Precondition required',
  PAYLOAD_TOO_LARGE: 'Too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  UNPROCESSABLE_CONTENT: 'Unprocessable',
  TOO_MANY_REQUESTS: 'Rate limited',
  CLIENT_CLOSED_REQUEST: 'Client gave up',
  INTERNAL_SERVER_ERROR: 'Server error',
  NOT_IMPLEMENTED: 'Not implemented',
  BAD_GATEWAY: 'Bad gateway',
  SERVICE_UNAVAILABLE: 'Unavailable',
  GATEWAY_TIMEOUT: 'Gateway timed out',
};

/** The breakdown's code in words: `http_5xx` is a 5xx answered outside tRPC; an unknown code stays as it is. */
export function errorCodeWords(code: string): string {
  if (code === 'http_5xx') return 'Other 5xx (not tRPC)';
  return Object.hasOwn(TRPC_CODE_WORDS, code) ? TRPC_CODE_WORDS[code as TRPC_ERROR_CODE_KEY] : code;
}
