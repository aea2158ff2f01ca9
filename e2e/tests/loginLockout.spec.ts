import { expect, test } from '../support/test';

// A client IP and an account of its own, so locking them out cannot affect other tests.
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '10.9.8.7' } });

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
