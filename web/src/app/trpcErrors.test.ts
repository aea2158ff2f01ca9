import { TRPCClientError } from '@trpc/client';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { errorCode, errorData, errorMessage, toHttpError } from './trpcErrors';

/** Built the way httpLink builds it from the server's JSON error envelope. */
function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

/** Built the way httpLink builds it when fetch itself fails: no envelope, so no data. */
function networkError() {
  return TRPCClientError.from(new TypeError('Failed to fetch'));
}

const validation = serverError('email: Enter a valid email address', {
  code: 'BAD_REQUEST',
  httpStatus: 400,
  fieldErrors: { email: 'Enter a valid email address' },
});

describe('errorData and errorCode', () => {
  it('read what the server’s error formatter added', () => {
    expect(errorCode(validation)).toBe('BAD_REQUEST');
    expect(errorData(serverError('Slow down', { code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryAfterSeconds: 30 })).retryAfterSeconds).toBe(30);
  });

  it('answer nothing for errors that did not come from the server', () => {
    expect(errorData(new Error('boom'))).toEqual({});
    expect(errorData(networkError())).toEqual({});
    expect(errorCode('not an error')).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it('shows the server’s own message', () => {
    expect(errorMessage(validation)).toBe('email: Enter a valid email address');
  });

  it('tells the person to check their connection when the server was not reached', () => {
    expect(errorMessage(networkError())).toBe('Could not reach the Opsdesk server. Check your connection and try again.');
  });

  it('falls back to a plain sentence for things that carry no message', () => {
    expect(errorMessage(new Error('Local failure'))).toBe('Local failure');
    expect(errorMessage(new Error(''))).toBe('Something went wrong.');
    expect(errorMessage({ reason: 'thrown object' })).toBe('Something went wrong.');
  });
});

describe('toHttpError', () => {
  it('keeps the status and puts validation messages under their form fields', () => {
    const http = toHttpError(validation);
    expect(http).toBeInstanceOf(HttpError);
    expect(http).toMatchObject({ message: 'email: Enter a valid email address', status: 400, body: { code: 'BAD_REQUEST', errors: { email: 'Enter a valid email address' } } });
  });

  it('passes 401 through so react-admin signs the person out', () => {
    expect(toHttpError(serverError('Sign in again', { code: 'UNAUTHORIZED', httpStatus: 401 }))).toMatchObject({ status: 401 });
  });

  it('answers 500 for a server error without a status, and 0 when the server was not reached', () => {
    expect(toHttpError(serverError('Internal error (request r-1)', { code: 'INTERNAL_SERVER_ERROR' }))).toMatchObject({ status: 500 });
    expect(toHttpError(networkError())).toMatchObject({ status: 0, message: 'Could not reach the Opsdesk server. Check your connection and try again.' });
  });

  it('leaves errors that are not tRPC errors as they are', () => {
    const local = new Error('Creating audit is not available in Opsdesk.');
    expect(toHttpError(local)).toBe(local);
  });
});
