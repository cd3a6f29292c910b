import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';

/**
 * A newcomer's account in a real browser, as `pnpm start` serves it without SMTP_URL: register through
 * an invitation, read the mail in the development outbox, confirm the address, join; change the
 * password; forget it and set a new one by the mailed link (issue 9, fault 7).
 */

const availability = browserAvailability();

/** The first link in the development outbox whose address contains `path`. */
async function mailedLink(page: Page, server: RunningServer, path: string): Promise<string> {
  // Mail is posted after the request is answered, so the outbox may need a moment (and a reload).
  const deadline = Date.now() + 10_000;
  for (;;) {
    await page.goto(`${server.url}/dev/outbox`);
    const link = page.locator(`a[href*="${path}#token="]`).first();
    if ((await link.count()) > 0) {
      const href = await link.getAttribute('href');
      if (href) return href;
    }
    if (Date.now() > deadline) throw new Error(`no ${path} link in the outbox`);
    await page.waitForTimeout(200);
  }
}

describe.runIf(availability.run)('accounts in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAccord();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers through an invitation, confirms the address from the outbox, joins, changes and resets the password', async () => {
    expect(server.output()).toContain(`${server.url}/dev/outbox`);
    const chair = await server.token('chair@accord.example');
    const auth = { authorization: `Bearer ${chair}`, 'content-type': 'application/json' };
    const { dialogues } = (await (await fetch(`${server.url}/api/dialogues`, { headers: auth })).json()) as { dialogues: Array<{ id: string }> };
    const invitation = (await (
      await fetch(`${server.url}/api/dialogues/${dialogues[0]!.id}/invitations`, { method: 'POST', headers: auth, body: JSON.stringify({ role: 'observer' }) })
    ).json()) as { url: string };

    const page = await (await browser.newContext()).newPage();
    await page.goto(invitation.url);
    await page.getByLabel('Email address').fill('new.person@accord.example');
    await page.getByLabel('Display name').fill('New Person');
    await page.getByLabel('Choose a password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account and accept' }).click();
    await page.getByText('Check your mail.').waitFor();
    await page.screenshot({ path: screenshotPath('accounts-1-check-your-mail'), fullPage: true });

    // The mail's link, with the password chosen, signs in and leads back to the invitation.
    await page.goto(await mailedLink(page, server, '/verify-email'));
    await page.getByLabel('Password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL(/\/dialogues\//);
    await page.getByText('Signed in as').waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Current password').fill('a long passphrase');
    await page.getByLabel('New password', { exact: true }).fill('another long passphrase');
    await page.getByLabel('New password, again').fill('another long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await page.screenshot({ path: screenshotPath('accounts-2-password-changed'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email address').fill('new.person@accord.example');
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await page.getByText('Check your mail.').waitFor();
    await page.goto(await mailedLink(page, server, '/reset-password'));
    await page.getByLabel('New password', { exact: true }).fill('a third long passphrase');
    await page.getByLabel('New password, again').fill('a third long passphrase');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('Signed in as').waitFor();
    await page.screenshot({ path: screenshotPath('accounts-3-after-reset'), fullPage: true });

    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.person@accord.example', password: 'a third long passphrase' }),
    });
    expect(signIn.status).toBe(200);
  });
});
