/** Stripe's error envelope: `{ error: { type, code, message, param, decline_code, ... } }`. */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error' | 'rate_limit_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  [extra: string]: unknown;
}

/** Thrown by handlers; the HTTP layer turns it into the envelope with this status. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

const READABLE_TYPE: Record<string, string> = {
  'test_helpers.test_clock': 'test clock',
  customer_balance_transaction: 'customer balance transaction',
  webhook_endpoint: 'webhook endpoint',
};

export function notFound(type: string, id: string, param = 'id'): StripeApiError {
  const name = READABLE_TYPE[type] ?? type;
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${name}: '${id}'`,
    param,
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

export function cardError(message: string, declineCode: string, extra: Record<string, unknown> = {}): StripeApiError {
  // Stripe uses code "card_declined" for generic declines and a specific code for some others.
  const code = declineCode === 'expired_card' || declineCode === 'incorrect_cvc' ? declineCode : 'card_declined';
  return new StripeApiError(402, {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    ...extra,
  });
}

export function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'idempotency_error', message });
}
