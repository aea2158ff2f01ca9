import { ZCreditRequestSchema, ZRefundRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { amountFieldText, checkAmount, maxCentsOf } from './amountInput';

const refund = (text: string, maxCents = 5_000) => checkAmount(text, { currency: 'usd', maxCents, what: 'refund', maxMessage: (max) => `At most ${max} can still be refunded.` });

describe('checkAmount', () => {
  it('turns dollars as typed into cents', () => {
    expect(refund('20.5')).toEqual({ cents: 2050, error: null });
    expect(refund('.99')).toEqual({ cents: 99, error: null });
  });

  it('waits on an empty field without complaining', () => {
    expect(refund('  ')).toEqual({ cents: undefined, error: null });
  });

  it('says a negative amount is negative', () => {
    expect(refund('-5').error).toBe('A refund cannot be negative.');
  });

  it('refuses zero, too many decimals and things that are not amounts, in words', () => {
    expect(refund('0.00').error).toMatch(/^A refund must be more than /);
    expect(refund('1.234').error).toBe('Use at most 2 decimals.');
    expect(refund('1e3').error).toBe('Enter an amount such as 20.00.');
    expect(refund('abc').error).toBe('Enter an amount such as 20.00.');
  });

  it('says the maximum in dollars, not cents', () => {
    const check = refund('50.01');
    expect(check.cents).toBeUndefined();
    expect(check.error).toMatch(/^At most .*50\.00.* can still be refunded\.$/);
    expect(check.error).not.toContain('5000');
  });
});

describe('checkAmount in currencies without cents', () => {
  const yen = (text: string) => checkAmount(text, { currency: 'jpy', maxCents: 50_000, what: 'refund', maxMessage: (max) => `At most ${max} can still be refunded.` });
  const dinar = (text: string) => checkAmount(text, { currency: 'kwd', maxCents: 50_000, what: 'refund', maxMessage: (max) => `At most ${max} can still be refunded.` });

  it('takes yen as typed: 5000 yen is 5000, not 500,000', () => {
    expect(yen('5000')).toEqual({ cents: 5_000, error: null });
    expect(yen('50001').error).toBe('At most 50,000 JPY can still be refunded.');
  });

  it('refuses decimals in yen and allows three in dinars, in words', () => {
    expect(yen('12.5').error).toBe('JPY has no decimals: enter a whole amount.');
    expect(yen('abc').error).toBe('Enter an amount such as 20.');
    expect(dinar('1.25')).toEqual({ cents: 1_250, error: null });
    expect(dinar('1.2345').error).toBe('Use at most 3 decimals.');
  });

  it('shows what is refundable in the field’s own units', () => {
    expect(amountFieldText(5_000, 'usd')).toBe('50.00');
    expect(amountFieldText(5_000, 'jpy')).toBe('5000');
    expect(amountFieldText(1_250, 'kwd')).toBe('1.250');
  });
});

describe('maxCentsOf', () => {
  it('reads the cap from the shared schemas, through optional wrappers', () => {
    expect(maxCentsOf(ZCreditRequestSchema.shape.amount)).toBe(1_000_000);
    expect(maxCentsOf(ZRefundRequestSchema.shape.amount)).toBe(99_999_999);
  });
});
