import { describe, expect, it } from 'vitest';
import { checkFlagForm, parseTags, serverFieldErrors, type FlagFormValues } from './flagForm';

const values = (change: Partial<FlagFormValues> = {}): FlagFormValues => ({ key: 'checkout.new-flow', description: 'The new checkout', type: 'release', ownerId: '', tags: 'checkout, web  web', ...change });

describe('flag form', () => {
  it('turns the typed line of tags into distinct tags', () => {
    expect(parseTags(' a,b  c,,a ')).toEqual(['a', 'b', 'c']);
  });

  it('builds the request the server takes', () => {
    expect(checkFlagForm(values())).toEqual({ ok: true, request: { key: 'checkout.new-flow', description: 'The new checkout', type: 'release', ownerId: null, tags: ['checkout', 'web'] } });
  });

  it('puts the shared schema’s messages under their fields', () => {
    const checked = checkFlagForm(values({ key: '', tags: 'Not OK' }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.key).toBeTruthy();
    expect(checked.errors.tags).toMatch(/lower case/);
  });

  it('shows the server’s refusals on the field they concern', () => {
    expect(serverFieldErrors({ code: 'CONFLICT' }, 'A flag "x" already exists.')).toEqual({ key: 'A flag "x" already exists.' });
    expect(serverFieldErrors({ code: 'BAD_REQUEST', fieldErrors: { 'tags.0': 'bad tag' } }, 'tags.0: bad tag')).toEqual({ tags: 'bad tag' });
    expect(serverFieldErrors({ code: 'BAD_REQUEST' }, 'ownerId: no staff member has this id.')).toEqual({ ownerId: 'no staff member has this id.' });
    expect(serverFieldErrors({ code: 'INTERNAL_SERVER_ERROR' }, 'boom')).toEqual({});
  });
});
