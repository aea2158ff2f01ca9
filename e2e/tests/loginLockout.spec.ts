import { expect, test } from '../support/test';

// A client IP and an account of its own (new each run), so locking them out cannot
// affect other tests, nor a later run sharing the same Redis.
const clientIp = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp } });

test('five wrong passwords in a row lock the sign-in out and say so', async ({ loginPage }) => {
  const email = `nobody-${Date.now().toString(36)}@opsdesk.test`;
  await loginPage.open();
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await loginPage.submitCredentials(email, `wrong-password-${attempt}`);
    await expect(loginPage.error).toHaveText('Wrong email or password.');
  }
  await loginPage.submitCredentials(email, 'wrong-password-5');
  await expect(loginPage.error).toHaveText('Too many failed sign-in attempts. Try again in 15 minutes.');
});
