const regions = new Intl.DisplayNames('en-GB', { type: 'region', fallback: 'code' });

/**
 * The product stores a country as its ISO 3166 code; a person reads "Brazil (BR)". The code
 * stays beside the name: it is what the list's filter and the flags' constraints take.
 */
export function countryLabel(code: string | null | undefined): string {
  if (!code) return '—';
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  const upper = code.toUpperCase();
  const name = regions.of(upper);
  return name && name !== upper ? `${name} (${upper})` : upper;
}
