import { describe, expect, it } from 'vitest';
import { countryLabel } from './countryName';

describe('countryLabel', () => {
  it('names the country and keeps the code the filters take', () => {
    expect(countryLabel('BR')).toBe('Brazil (BR)');
    expect(countryLabel('gb')).toBe('United Kingdom (GB)');
  });

  it('shows what it cannot name as it is, and nothing as a dash', () => {
    expect(countryLabel('QQ')).toBe('QQ');
    expect(countryLabel('Narnia')).toBe('Narnia');
    expect(countryLabel(null)).toBe('—');
  });
});
