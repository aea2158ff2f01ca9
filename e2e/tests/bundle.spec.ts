import { expect, test } from '../support/test';

/**
 * The console's JavaScript is served precompressed (brotli, else gzip) and its libraries
 * come in several chunks; the page built that way still loads and signs in. (Issue 8 §1.8.)
 */
function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((match) => match[1]!);
}

test('the main script and every vendor chunk are sent compressed, brotli first, gzip to those without it', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const scripts = scriptsOf(html);
  const main = scripts.find((src) => /\/index-[\w-]+\.js$/.test(src));
  const vendors = scripts.filter((src) => /\/vendor[\w-]*\.js$/.test(src));
  expect(main).toBeDefined();
  expect(vendors.length).toBeGreaterThanOrEqual(4);

  for (const src of [main!, ...vendors]) {
    const brotli = await request.get(src, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(brotli.status()).toBe(200);
    expect(brotli.headers()['content-encoding'], src).toBe('br');
    expect(brotli.headers()['content-type']).toContain('javascript');
    expect(brotli.headers()['vary']).toContain('Accept-Encoding');
  }
  const gzip = await request.get(main!, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await request.get(main!, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.body()).length).toBeGreaterThan(Number(gzip.headers()['content-length']));
});

test('the split bundle loads in the browser: the login page renders and every script is fetched without error', async ({ page, loginPage }) => {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('response', (response) => response.url().endsWith('.js') && !response.ok() && failures.push(`${response.status()} ${response.url()}`));
  await loginPage.open();
  await expect(loginPage.email).toBeVisible();
  expect(failures).toEqual([]);
});
