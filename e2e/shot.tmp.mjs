import { chromium } from '@playwright/test';
const roles = (process.env.ROLES ?? 'admin,support,moderator,finance,oncall,privacy').split(',');
const paths = (process.env.PATHS ?? '/').split(',');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const role of roles) {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto('http://127.0.0.1:3000/');
    await page.getByLabel(/email/i).fill(`${role}@opsdesk.test`);
    await page.getByLabel(/password/i).fill('opsdesk-demo-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((u) => !u.pathname.includes('login'));
    for (const p of paths) {
      await page.goto('http://127.0.0.1:3000/#' + p);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/shots/${role}-${w}${p.replace(/\//g, '_')}.png`, fullPage: true });
    }
    await page.close();
  }
}
await browser.close();
