import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type RunningServer, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium } from './support/browser.js';

/**
 * Issue 14, the chair's controls for members, in Chromium against the built server: the chair
 * changes a member's role and affiliation (the form says the server's rule first), meets the last
 * chair's refusal, removes a member, resends an invitation (a new link, mailed, the old one dead)
 * and revokes another; the secretariat sees no controls on the chair's row. The kind of
 * organization each speaks for is shown beside the role. Dialogs are worked from the keyboard and
 * give focus back; axe-core checks the members section, the invitations and each dialog.
 */

const availability = browserAvailability();
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const shots = join(process.env.TMPDIR ?? tmpdir(), 'accord-e2e-14');
const LIVE = { timeout: 15_000 };
/** Per test: a browser on a busy two-core machine. */
const SLOW = 90_000;

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  passes: unknown[];
}

/** axe-core's WCAG 2.1 A/AA violations inside the element `selector` picks (any impact). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript });
  return page.evaluate(async (sel) => {
    const element = document.querySelector(sel);
    if (!element) throw new Error(`nothing matches ${sel}`);
    const result = await (window as unknown as { axe: { run(context: Element, options: object): Promise<AxeResult> } }).axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    if (result.passes.length === 0) throw new Error(`axe checked nothing in ${sel}`);
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
  }, selector);
}

const members = (page: Page): Locator => page.locator('section[aria-labelledby="members-heading"]');
const invitations = (page: Page): Locator => page.locator('section[aria-labelledby="invitations-heading"]');
const rowOf = (table: Locator, text: string): Locator => table.getByRole('row').filter({ hasText: text });
/** Text as read, with the no-break space speakerLabel puts before its dot made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ').trim();
const token = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');

describe.runIf(availability.run)('the chair manages members in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let dialogueId: string;
  let dialogueUrl: string;
  let chairToken: string;
  let boundId: string;
  let boundUrl: string;
  let openId: string;
  const pages: Page[] = [];

  const api = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token ?? chairToken}`, 'content-type': 'application/json' },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  };

  async function signedIn(who: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    pages.push(page);
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    await page.goto(dialogueUrl);
    await page.getByLabel('Email address').fill(`${who}@accord.example`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await members(page).waitFor(LIVE);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startAccord();
    browser = await launchChromium();
    chairToken = await server.token('chair@accord.example');
    dialogueId = (await api('/api/dialogues')).body.dialogues[0].id;
    dialogueUrl = `${server.url}/dialogues/${dialogueId}`;
    // The demo seeds two pending invitations; two more of the test's own, to resend and revoke.
    const bound = await api(`/api/dialogues/${dialogueId}/invitations`, {
      method: 'POST',
      body: { role: 'observer', email: 'a.berg@nupi.example', affiliation: { name: 'Norwegian Institute of International Affairs', kind: 'academia' } },
    });
    if (bound.status !== 201 || !bound.body.mailed) throw new Error(`the bound invitation: ${bound.status} ${JSON.stringify(bound.body)}`);
    boundId = bound.body.id;
    boundUrl = bound.body.url;
    const open = await api(`/api/dialogues/${dialogueId}/invitations`, {
      method: 'POST',
      body: { role: 'delegate', affiliation: { name: 'Republic of Tavaro', kind: 'government' } },
    });
    openId = open.body.id;
    // A busy two-core machine may take a minute to start and seed the built server.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the kind of organization each participant speaks for, and the pending invitations', async () => {
    const page = await signedIn('chair');
    await expect.poll(() => rowOf(members(page), 'Jean-Luc Moreau').getByRole('cell').first().textContent().then(plain), LIVE).toBe('Civil society · International organization');
    expect(plain(await rowOf(members(page), 'Priya Raman').getByRole('cell').first().textContent())).toBe('Civil society · NGO');
    expect(plain(await rowOf(members(page), 'Amara Okonkwo').getByRole('cell').first().textContent())).toBe('Delegate · Government');
    await invitations(page).waitFor(LIVE);
    // The demo's own: an academic observer bound to an address, a delegation's open link.
    const seeded = rowOf(invitations(page), 'l.moreno@istech.example');
    expect(plain(await seeded.getByRole('rowheader').textContent())).toBe('Observer · Academia');
    expect(await rowOf(invitations(page), 'Republic of Sundara').textContent()).toContain('Anyone with the link');
    expect(plain(await rowOf(invitations(page), 'a.berg@nupi.example').getByRole('rowheader').textContent())).toBe('Observer · Academia');
    await page.getByRole('heading', { name: 'Pending invitations (4)' }).waitFor(LIVE);
    await page.screenshot({ path: join(shots, 'members-1-chair-view.png'), fullPage: true });
    expect(await axeViolations(page, 'section[aria-labelledby="members-heading"]')).toEqual([]);
    expect(await axeViolations(page, 'section[aria-labelledby="invitations-heading"]')).toEqual([]);
  }, SLOW);

  it('changes a member’s role and affiliation from the keyboard; the form says the rule first; focus comes back', async () => {
    const page = pages[0]!;
    const button = members(page).getByRole('button', { name: 'Change role of Hana Sato' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Change the role of Hana Sato' });
    await dialog.waitFor();
    // Focus starts in the dialog, on the role.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('role');
    // A delegate speaks for a state: an academic affiliation is refused before any request.
    await dialog.getByLabel('Role', { exact: true }).selectOption('delegate');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByText('A delegate speaks for a state').waitFor();
    await page.screenshot({ path: join(shots, 'members-2-change-role-rule.png') });
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);

    await dialog.getByLabel('Role', { exact: true }).selectOption('civil_society');
    await dialog.getByLabel('Kind').selectOption('international_org');
    await dialog.getByLabel('Name').fill('Stockholm International Peace Research Institute');
    await dialog.getByLabel('Name').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: /Hana Sato is now Civil society\s· International organization\./ }).waitFor(LIVE);
    const row = rowOf(members(page), 'Hana Sato');
    await expect.poll(() => row.getByRole('cell').first().textContent().then(plain), LIVE).toBe('Civil society · International organization');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Stockholm International Peace Research Institute');
    expect(await focusedText(page)).toBe('Change role of Hana Sato');
    const stored = (await api(`/api/dialogues/${dialogueId}/members`)).body.members.find((m: { displayName: string }) => m.displayName === 'Hana Sato');
    expect([stored.role, stored.affiliation.kind]).toEqual(['civil_society', 'international_org']);
  }, SLOW);

  it('the last chair cannot step down: the server’s reason is shown and nothing changes', async () => {
    const page = pages[0]!;
    await members(page).getByRole('button', { name: 'Change role of yourself' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your role' });
    await dialog.getByLabel('Role', { exact: true }).selectOption('secretariat');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'A dialogue must keep at least one chair; appoint another first' }).waitFor(LIVE);
    await page.screenshot({ path: join(shots, 'members-3-last-chair.png') });
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedText(page)).toBe('Change role of yourself');
    expect(await rowOf(members(page), 'Ingrid Halvorsen').getByRole('cell').first().textContent()).toMatch(/^Chair/);
  }, SLOW);

  it('removes a member after asking; the list refreshes and focus goes to its heading', async () => {
    const page = pages[0]!;
    await members(page).getByRole('button', { name: 'Remove Mateo Ferreira' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Mateo Ferreira?' });
    await dialog.waitFor();
    // The choice that changes nothing has focus first.
    expect(await focusedText(page)).toBe('Cancel');
    await page.screenshot({ path: join(shots, 'members-4-remove-confirm.png') });
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Remove Mateo Ferreira' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Participants (6)' }).waitFor(LIVE);
    expect(await rowOf(members(page), 'Mateo Ferreira').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('members-heading');
    expect((await api(`/api/dialogues/${dialogueId}/members`)).body.members).toHaveLength(6);
  }, SLOW);

  it('resends an invitation: a new link to copy, mailed, and the old link no longer works', async () => {
    const page = pages[0]!;
    await invitations(page).getByRole('button', { name: /^Resend the invitation for an Observer of Norwegian Institute/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Resend the invitation' });
    await dialog.waitFor();
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Resend by mail' }).click();
    await dialog.getByText('A new link was mailed to a.berg@nupi.example.').waitFor(LIVE);
    const newUrl = await dialog.getByLabel('New invitation link').inputValue();
    expect(newUrl).toMatch(new RegExp(`^${server.url}/invite/[a-z2-7]{32}$`));
    expect(newUrl).not.toBe(boundUrl);
    await page.screenshot({ path: join(shots, 'members-5-resent.png') });
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);

    expect((await api(`/api/invitations/${token(boundUrl)}`)).status).toBe(410);
    expect((await api(`/api/invitations/${token(newUrl)}`)).status).toBe(200);
    // The development outbox (no SMTP_URL) holds the mail: the new link, and no inviter's name.
    const outbox = (await api('/api/dev/outbox')).body.mails as Array<{ to: string; text: string; subject: string }>;
    const mails = outbox.filter((m) => m.to === 'a.berg@nupi.example');
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain(newUrl);
    for (const mail of mails) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Ingrid|Halvorsen|Baltic|Norwegian Institute/);

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedText(page)).toMatch(/^Resend the invitation/);
    expect((await api(`/api/dialogues/${dialogueId}/invitations`)).body.invitations.map((i: { id: string }) => i.id)).toContain(boundId);
  }, SLOW);

  it('revokes an invitation after asking; the list refreshes', async () => {
    const page = pages[0]!;
    await invitations(page).getByRole('button', { name: /^Revoke the invitation for a Delegate of Republic of Tavaro/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the invitation?' });
    await dialog.waitFor();
    expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Revoke the invitation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Pending invitations (3)' }).waitFor(LIVE);
    expect(await rowOf(invitations(page), 'Republic of Tavaro').count()).toBe(0);
    expect((await api(`/api/dialogues/${dialogueId}/invitations`)).body.invitations.map((i: { id: string }) => i.id)).not.toContain(openId);
    await page.screenshot({ path: join(shots, 'members-6-after-revoke.png'), fullPage: true });
  }, SLOW);

  it('the secretariat sees no controls on the chair’s row, nor on a chair’s invitation', async () => {
    await api(`/api/dialogues/${dialogueId}/invitations`, { method: 'POST', body: { role: 'chair', email: 'co-chair@accord.example' } });
    const page = await signedIn('secretariat');
    await page.getByRole('heading', { name: 'Pending invitations (4)' }).waitFor(LIVE);
    expect(await rowOf(members(page), 'Ingrid Halvorsen').getByRole('button').count()).toBe(0);
    expect(await rowOf(members(page), 'Amara Okonkwo').getByRole('button').count()).toBe(2);
    const chairs = rowOf(invitations(page), 'co-chair@accord.example');
    expect(await chairs.getByRole('button', { name: /^Resend/ }).count()).toBe(0);
    expect(await chairs.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    // The secretariat is offered no chair to appoint.
    await members(page).getByRole('button', { name: 'Change role of Amara Okonkwo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the role of Amara Okonkwo' });
    expect(await dialog.getByLabel('Role', { exact: true }).locator('option').allTextContents()).not.toContain('Chair');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(shots, 'members-7-secretariat-view.png'), fullPage: true });
  }, SLOW);

  it('the invitation page shows the kind of organization too', async () => {
    const created = await api(`/api/dialogues/${dialogueId}/invitations`, {
      method: 'POST',
      body: { role: 'civil_society', affiliation: { name: 'Geneva Academy of International Humanitarian Law', kind: 'academia' } },
    });
    const page = await (await browser.newContext()).newPage();
    await page.goto(created.body.url);
    await page.getByText(/^Civil society\s· Academia$/).waitFor(LIVE);
    expect(plain(await page.locator('dd').first().textContent())).toBe('Civil society · Academia');
    await page.screenshot({ path: join(shots, 'members-8-invitation-page.png'), fullPage: true });
  }, SLOW);
});
