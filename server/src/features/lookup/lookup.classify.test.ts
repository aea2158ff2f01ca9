import { describe, expect, it } from 'vitest';
import { planLookup } from './lookup.classify.js';

const kinds = (q: string) => planLookup(q).map((s) => s.kind);

describe('planLookup', () => {
  it('jumps on ids', () => {
    expect(planLookup('6F1C1E5A-1B2C-4D3E-8F90-123456789ABC')).toEqual([{ kind: 'user_id', id: '6f1c1e5a-1b2c-4d3e-8f90-123456789abc' }]);
    for (const prefix of ['cus', 'sub', 'in', 'ch', 'pi', 're']) expect(planLookup(` ${prefix}_AbC123 `)).toEqual([{ kind: 'stripe_id', prefix, id: `${prefix}_AbC123` }]);
  });

  it('tries a whole email exactly, then as a misspelling', () => {
    expect(kinds('John.Smith@Acme.com')).toEqual(['email', 'email_fuzzy']);
  });

  it('treats a partial email as prefix, then substring, then misspelling', () => {
    expect(kinds('john.smith@ac')).toEqual(['email_prefix', 'email_substring', 'email_fuzzy']);
  });

  it('reads domains with or without @', () => {
    expect(planLookup('@acme.com')).toEqual([{ kind: 'domain', domain: 'acme.com' }]);
    expect(kinds('acme.com')).toEqual(['domain', 'email_substring']);
  });

  it('reads card last 4, narrowed by a word either side', () => {
    expect(planLookup('4242')).toEqual([{ kind: 'card_last4', last4: '4242', narrow: null }]);
    expect(planLookup('4242 smith')).toEqual([{ kind: 'card_last4', last4: '4242', narrow: 'smith' }]);
    expect(planLookup('John Smith 4242')).toEqual([{ kind: 'card_last4', last4: '4242', narrow: 'john smith' }]);
  });

  it('reads an invoice number first, and then as any word', () => {
    expect(planLookup('1a2b3c4d-0007')[0]).toEqual({ kind: 'invoice_number', number: '1A2B3C4D-0007' });
    expect(kinds('ACME-000123')).toEqual(['invoice_number', 'email_prefix', 'email_substring', 'name', 'workspace', 'email_fuzzy', 'name_fuzzy']);
    // Not numbers: too short a sequence, a space, a prefix of other characters.
    for (const q of ['acme-12', 'acme 0001', 'ac_me-0001', 'a-0001']) expect(kinds(q), q).not.toContain('invoice_number');
  });

  it('searches words as email, name and workspace, fuzzy last', () => {
    expect(kinds('smith')).toEqual(['email_prefix', 'email_substring', 'name', 'workspace', 'email_fuzzy', 'name_fuzzy']);
    expect(kinds('john  smith')).toEqual(['name', 'workspace', 'name_fuzzy']);
    expect(kinds('jo')).toEqual(['email_prefix']);
  });
});
