/// <reference lib="dom" />
import type { AccordApi } from '@accord/client';
import { demoRollingText } from '@accord/text/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { draftAsChair } from './support/chair-draft.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';
import { pageContent, paragraphCited } from './support/comment-pages.js';
import { everythingIn, historyPanel, namesIn, revisionCard, showHistory, shownText, typeAtEndOf } from './support/history-pages.js';

/**
 * Issue 12 end to end, in Chromium, each participant in a browser of their own, in the demo dialogue
 * (Chatham House Rule) on a fresh copy of the demo text: two delegates type; the chair names Rev.1 in
 * the History panel; they type more; the chair names Rev.2 as a clean revision, renumbering the text,
 * and both delegates' editors show the new numbers live; a delegate opens the redline of Rev.1 against
 * Rev.2 (the later words inserted, the bis paragraphs relabelled, the earlier words not there) and
 * the concordance ("Box I(2bis)" → "Box I(3)"); no member's name or affiliation appears anywhere in
 * the history, for the delegate or for the chair.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the history end-to-end test: ${availability.reason}\n`);

/** Typed before Rev.1: in Rev.1, so not in the redline of Rev.1 against Rev.2. */
const BEFORE = { arandia: { at: 'Box I(2)', words: ' This characterisation is provisional.' }, veloria: { at: 'Box III(1)', words: ' This applies in armed conflict of any kind.' } };
/** Typed after Rev.1: the redline's insertions. Box III(3bis) is Box III(5) once renumbered. */
const AFTER = { arandia: { at: 'Box II(2)', words: ' Training records shall be kept.' }, veloria: { at: 'Box III(3bis)', words: ' A first review takes place within five years.' } };
/** The fresh document's symbol; each revision's symbol adds its label. */
const SYMBOL = 'T15/AWS/2026/2';
const STATUS_DATE = { rev1: '2026-12-01', rev2: '2026-12-04' };
/** How long a live change may take to reach another browser on a busy two-core machine. */
const LIVE = { timeout: 15_000 };

type Who = 'arandia' | 'veloria' | 'chair';

/** The kinds of change, as the compare page names them, in the order of its summary's columns. */
const KIND_WORDS = { inserted: 'Inserted', deleted: 'Deleted', moved: 'Moved', modified: 'Modified', relabelled: 'Relabelled', status: 'Status' } as const;
const KINDS = Object.keys(KIND_WORDS) as (keyof typeof KIND_WORDS)[];

const shoot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: screenshotPath(`history-e2e-${name}`), fullPage });

/**
 * A whole page as text and attributes, except the account line in its header: that names the viewer
 * to themself, which is not attribution, and serves as the check's positive control.
 */
async function pageWithoutAccount(page: Page, who: string): Promise<string> {
  expect(namesIn(await everythingIn(page.locator('.account-name'))), `${who}: the account line names the viewer`).toHaveLength(1);
  return pageContent(page, ['.account-name']);
}

describe.runIf(availability.run)('revision history in a real browser: edits, Rev.1, a clean Rev.2, the redline and the concordance', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: AccordApi;
  let dialogueId = '';
  let documentId = '';
  let documentUrl = '';
  const pages = {} as Record<Who, Page>;
  const revisionIds = { rev1: '', rev2: '' };

  const serverText = async () => (await chairApi.documents.text(dialogueId, documentId)).text;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    const [dialogue] = await chairApi.dialogues.list();
    dialogueId = dialogue!.id;
    // The demo document already has a Rev.1 of its own: a fresh copy of its text starts a history at
    // nothing, written by the chair's editor over the socket as drafting is done.
    const document = await chairApi.documents.create(dialogueId, { title: 'Rolling text, history rehearsal', symbol: SYMBOL });
    documentId = document.id;
    documentUrl = `${server.url}/dialogues/${dialogueId}/documents/${documentId}`;
    await draftAsChair(server.url, chairApi, dialogueId, documentId, demoRollingText);
  }, 120_000);

  // What each participant saw when a step failed, for the person reading the failure.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [who, page] of Object.entries(pages)) await shoot(page, `failed-${who}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A context of its own, signed in over HTTP (the sign-in form has its own tests), the text open and ready. */
  async function openAs(who: Who): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    const signedIn = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: `${who}@accord.example`, password: DEMO_PASSWORD },
      headers: { origin: server.url },
    });
    expect(signedIn.status(), who).toBe(200);
    await page.goto(documentUrl);
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  /** Types at the end of a paragraph and waits until the server holds the words. */
  async function type(who: Who, edit: { at: string; words: string }): Promise<void> {
    await typeAtEndOf(pages[who], edit.at, edit.words);
    await expect.poll(serverText, { ...LIVE, message: `${who}'s words saved` }).toContain(edit.words.trim());
  }

  /** The chair names the text from the History panel's dialog. */
  async function nameRevision(fields: { label: string; statusDate: string; note: string; renumber: boolean }, screenshot: string): Promise<void> {
    const { chair } = pages;
    await showHistory(chair, 'Revisions');
    await historyPanel(chair).getByRole('button', { name: 'Name revision' }).click();
    const dialog = chair.getByRole('dialog', { name: 'Name a revision' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Label').inputValue(), 'the label suggested').toBe(fields.label);
    await dialog.getByLabel('Symbol (optional)').fill(`${SYMBOL}/${fields.label}`);
    await dialog.getByLabel('Status date').fill(fields.statusDate);
    await dialog.getByLabel('Note (optional)').fill(fields.note);
    if (fields.renumber) await dialog.getByRole('checkbox', { name: /^Clean revision: renumber/ }).check();
    await shoot(chair, screenshot);
    await dialog.getByRole('button', { name: fields.renumber ? 'Renumber and name' : 'Name revision' }).click();
    await dialog.waitFor({ state: 'hidden', ...LIVE });
  }

  it('two delegates type in the rolling text, each in a browser of their own', async () => {
    [pages.arandia, pages.veloria, pages.chair] = await Promise.all([openAs('arandia'), openAs('veloria'), openAs('chair')]);
    // A delegate names no revision.
    await showHistory(pages.arandia, 'Revisions');
    expect(await historyPanel(pages.arandia).getByRole('button', { name: 'Name revision' }).count()).toBe(0);
    expect(await shownText(historyPanel(pages.arandia).locator('.comments-empty'))).toBe('No revision has been named yet.');

    await type('arandia', BEFORE.arandia);
    await type('veloria', BEFORE.veloria);
    for (const [who, page] of Object.entries(pages)) {
      await expect.poll(() => paragraphCited(page, BEFORE.veloria.at).textContent(), { ...LIVE, message: who }).toContain(BEFORE.veloria.words.trim());
    }
    await shoot(pages.veloria, '01-veloria-typed');
  });

  it('the chair names Rev.1 from the History panel; the delegates see it live', async () => {
    await nameRevision({ label: 'Rev.1', statusDate: STATUS_DATE.rev1, note: 'The text after the first reading.', renumber: false }, '02a-chair-names-rev1');
    const { chair, arandia } = pages;
    await expect.poll(() => shownText(historyPanel(chair).getByRole('status').filter({ hasText: 'named' })), LIVE).toBe('Rev.1 named.');
    const card = revisionCard(chair, 'Rev.1');
    await card.waitFor(LIVE);
    expect(await shownText(card.locator('.revision-symbol'))).toBe(`${SYMBOL}/Rev.1`);
    expect(await shownText(card.locator('.history-who'))).toMatch(/^Status date .* · Named by Chair \(you\)/);
    expect(await shownText(card.locator('.revision-note'))).toBe('The text after the first reading.');
    await shoot(chair, '02-chair-named-rev1');

    const [rev1] = await chairApi.history.revisions(dialogueId, documentId);
    expect(rev1).toMatchObject({ label: 'Rev.1', symbol: `${SYMBOL}/Rev.1`, statusDate: STATUS_DATE.rev1, renumbered: false, baseSeq: null });
    expect(rev1!.seq).toBe((await chairApi.history.timeline(dialogueId, documentId)).seq);
    revisionIds.rev1 = rev1!.id;

    // Arandia has the revisions open: the card arrives; under the title, the latest revision.
    await revisionCard(arandia, 'Rev.1').waitFor(LIVE);
    await expect.poll(() => shownText(arandia.locator('.revision-line')), LIVE).toMatch(/^Latest revision: Rev\.1 of /);
  });

  it('the delegates type more, and the chair names Rev.2 as a clean revision: both editors show the new numbers live', async () => {
    await type('arandia', AFTER.arandia);
    await type('veloria', AFTER.veloria);
    await nameRevision({ label: 'Rev.2', statusDate: STATUS_DATE.rev2, note: 'A clean text, renumbered.', renumber: true }, '03a-chair-names-rev2-renumbering');
    const { chair } = pages;
    const notice = historyPanel(chair).getByRole('status').filter({ hasText: 'named' });
    await expect.poll(() => shownText(notice), LIVE).toBe('Rev.2 named and the text renumbered. See the concordance');
    const card = revisionCard(chair, 'Rev.2');
    await card.waitFor(LIVE);
    expect(await card.locator('.history-source-renumber').textContent()).toBe('Clean, renumbered');
    await shoot(chair, '03-chair-named-rev2');

    const revisions = await chairApi.history.revisions(dialogueId, documentId);
    expect(revisions.map((r) => [r.label, r.renumbered])).toEqual([
      ['Rev.1', false],
      ['Rev.2', true],
    ]);
    revisionIds.rev2 = revisions[1]!.id;

    for (const who of ['arandia', 'veloria'] as const) {
      const page = pages[who];
      // Box I(2bis) is Box I(3) now, and no bis is left anywhere.
      await expect.poll(() => paragraphCited(page, 'Box I(3)').textContent(), { ...LIVE, message: who }).toContain('The following functions do not, by themselves');
      await expect.poll(() => paragraphCited(page, 'Box III(5)').textContent(), { ...LIVE, message: who }).toContain(AFTER.veloria.words.trim());
      expect(await page.locator('[data-paragraph][data-citation*="bis"]').count(), who).toBe(0);
    }
    await paragraphCited(pages.veloria, 'Box III(5)').scrollIntoViewIfNeeded();
    await shoot(pages.veloria, '04-veloria-renumbered-live');
  });

  it('a delegate opens the redline of Rev.1 against Rev.2: the later words inserted, the bis paragraphs relabelled', async () => {
    const { veloria } = pages;
    await showHistory(veloria, 'Revisions');
    await shoot(veloria, '05-veloria-revisions');
    await revisionCard(veloria, 'Rev.2').getByRole('link', { name: 'Compare with Rev.1' }).click();
    await veloria.getByRole('heading', { level: 1, name: /^Redline/ }).waitFor(LIVE);
    const address = new URL(veloria.url());
    expect([address.searchParams.get('from'), address.searchParams.get('to')]).toEqual([revisionIds.rev1, revisionIds.rev2]);
    await veloria.locator('.change-list').first().waitFor(LIVE);

    const comparison = await chairApi.history.compare(dialogueId, documentId, revisionIds.rev1, revisionIds.rev2);
    const summary = await shownText(veloria.locator('.compare-meta'));
    const total = comparison.changes.length;
    expect(summary).toMatch(new RegExp(`^From Rev\\.1 to Rev\\.2: ${total} changes`));
    // The summary's last row counts every box's changes of each kind, as the server did.
    const allBoxes = await veloria.getByRole('table').locator('tfoot td').allTextContents();
    expect(allBoxes.map(Number)).toEqual(KINDS.map((kind) => comparison.summary[kind]));
    expect(comparison.summary).toMatchObject({ inserted: 0, deleted: 0, moved: 0, modified: 2, relabelled: 6, status: 0 });

    // Every change the server found is on the page, in its order: one card per paragraph, its label and
    // every kind of change it went through (Box III(3bis) became Box III(5) and gained words: one card).
    const cards = await veloria.locator('.change').evaluateAll((articles) =>
      articles.map((a) => ({ label: a.querySelector('.change-label')?.textContent ?? '', kinds: [...a.querySelectorAll('.change-kind')].map((k) => k.textContent ?? '') })),
    );
    const perParagraph: { id: string; label: string; kinds: string[] }[] = [];
    for (const c of comparison.changes) {
      const last = perParagraph.at(-1);
      if (last?.id === c.paragraphId) last.kinds.push(KIND_WORDS[c.kind]);
      else perParagraph.push({ id: c.paragraphId, label: c.toLabel ?? c.fromLabel ?? '', kinds: [KIND_WORDS[c.kind]] });
    }
    expect(cards).toEqual(perParagraph.map(({ label, kinds }) => ({ label, kinds })));
    expect(cards).toContainEqual({ label: 'Box III(5)', kinds: ['Relabelled', 'Modified'] });
    expect(await veloria.getByRole('article', { name: 'Box III(5)', exact: true }).locator('.change-relabel').count()).toBe(1);

    // The words typed after Rev.1 are insertions, in the paragraphs as numbered in Rev.2.
    const modified = (label: string) => veloria.locator('.change-modified').filter({ has: veloria.locator('.change-label', { hasText: label }) });
    const insertions = (label: string) => modified(label).locator('ins').evaluateAll((marks) => marks.map((m) => m.textContent?.replaceAll(/\s+/g, ' ').trim()));
    expect(await insertions('Box II(2)')).toEqual([`[added: ${AFTER.arandia.words.trim()}]`]);
    expect(await insertions('Box III(5)')).toEqual([`[added: ${AFTER.veloria.words.trim()}]`]);
    // The words typed before Rev.1 are in both: not a change.
    const everything = await shownText(veloria.locator('body'));
    for (const edit of Object.values(BEFORE)) expect(everything).not.toContain(edit.words.trim());

    // Renumbered: each bis paragraph, and each after it in its box, relabelled.
    const relabels = await veloria.locator('.change-relabelled .change-relabel').evaluateAll((spans) =>
      spans.map((s) => [...s.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('visually-hidden'))).map((n) => n.textContent).join('').replaceAll(/\s+/g, ' ').trim()),
    );
    expect(relabels).toEqual(expect.arrayContaining(['Box I(2bis) → Box I(3)', 'Box I(3) → Box I(4)', 'Box III(2bis) → Box III(3)', 'Box III(3) → Box III(4)', 'Box III(3bis) → Box III(5)', 'Box III(4) → Box III(6)']));
    expect(relabels).toEqual(comparison.changes.filter((c) => c.kind === 'relabelled').map((c) => `${c.fromLabel} → ${c.toLabel}`));
    // Screen readers hear the change in words.
    expect(await veloria.locator('.change-relabelled .change-relabel').first().textContent()).toMatch(/ became /);

    await shoot(veloria, '06-veloria-compare', true);
    await modified('Box III(5)').scrollIntoViewIfNeeded();
    await shoot(veloria, '07-veloria-compare-box-iii');
  });

  it('from the redline, the delegate opens the concordance: "Box I(2bis)" → "Box I(3)", as the server has it', async () => {
    const { veloria } = pages;
    await veloria.getByRole('link', { name: 'Rev.2 renumbered the text: see the concordance' }).click();
    await veloria.getByRole('heading', { level: 1, name: /^Concordance/ }).waitFor(LIVE);
    expect(await shownText(veloria.getByRole('heading', { level: 1 }))).toBe(`Concordance Rev.2 · ${SYMBOL}/Rev.2`);
    const table = veloria.locator('.concordance-table');
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = (tr as HTMLTableRowElement).cells;
        return { from: cells[0]!.textContent, to: cells[2]!.firstChild?.textContent, changed: tr.classList.contains('concordance-changed') };
      }),
    );
    expect(rows).toContainEqual({ from: 'Box I(2bis)', to: 'Box I(3)', changed: true });
    expect(rows).toContainEqual({ from: 'Box I(2bis)(a)', to: 'Box I(3)(a)', changed: true });
    expect(rows).toContainEqual({ from: 'Box III(3bis)', to: 'Box III(5)', changed: true });
    expect(rows).toContainEqual({ from: 'Box II(2)', to: 'Box II(2)', changed: false });

    const { concordance } = await chairApi.history.concordance(dialogueId, documentId, revisionIds.rev2);
    expect(rows).toEqual(concordance.map((r) => ({ from: r.from, to: r.to, changed: r.changed })));
    const changed = concordance.filter((r) => r.changed).length;
    expect(await shownText(veloria.locator('.concordance .meta'))).toContain(`${changed} numbers changed of ${concordance.length}`);
    await shoot(veloria, '08-veloria-concordance', true);
  });

  it('a delegate opens Rev.1 read-only in place of the live text: the earlier words and the old numbers, not the later words', async () => {
    const { veloria } = pages;
    await veloria.getByRole('link', { name: 'Back to the text' }).click();
    await veloria.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await showHistory(veloria, 'Revisions');
    await revisionCard(veloria, 'Rev.1').getByRole('button', { name: 'Show this text' }).click();
    await expect.poll(() => shownText(veloria.locator('.past-bar p')), LIVE).toMatch(/^Viewing the text as of .+ \(Rev\.1\)$/);
    const past = veloria.getByLabel(/^The text as of .*, read-only$/);
    const cited = (citation: string) => past.locator(`[data-citation="${citation}"]`).first();
    await expect.poll(() => cited('Box III(1)').textContent(), LIVE).toContain(BEFORE.veloria.words.trim());
    expect(await cited('Box III(3bis)').textContent()).not.toContain(AFTER.veloria.words.trim());
    expect(await cited('Box I(2bis)').textContent()).toContain('The following functions do not, by themselves');
    expect(await past.getAttribute('contenteditable')).toBe('false');
    await cited('Box III(3bis)').scrollIntoViewIfNeeded();
    await shoot(veloria, '09-veloria-shows-rev1');
    await veloria.getByRole('button', { name: 'Back to the live text' }).first().click();
    await paragraphCited(veloria, 'Box III(5)').waitFor(LIVE);

    // One step back from the live text on the timeline's slider: the text just before the renumbering,
    // with the later words and still the old numbers.
    await showHistory(veloria, 'Timeline');
    await historyPanel(veloria).getByRole('button', { name: 'One step back in time' }).click();
    await expect.poll(() => cited('Box III(3bis)').textContent(), LIVE).toContain(AFTER.veloria.words.trim());
    expect(await historyPanel(veloria).getByRole('slider', { name: 'Step through time' }).getAttribute('aria-valuetext')).toMatch(/^After change \d+ of \d+$/);
    await historyPanel(veloria).getByRole('button', { name: 'One step forward in time' }).click();
    await expect.poll(() => past.count(), LIVE).toBe(0);
    await paragraphCited(veloria, 'Box III(5)').waitFor(LIVE);
  });

  it('under the Chatham House Rule no name or affiliation appears in the history, for the delegate or the chair', async () => {
    const { veloria, chair } = pages;
    const seen: Record<string, string[]> = {};

    // The delegate: the timeline, the revisions, the redline and the concordance.
    await showHistory(veloria, 'Timeline');
    // Newest first: the renumbering; both governments' typing, which took turns, as sessions of
    // "Government" (who took over from whom is not shown, not even "you"), one after Rev.1 and one
    // that ends where Rev.1 was named, with the paragraphs as they were labelled then; the chair's
    // drafting; the document's creation.
    const entries = historyPanel(veloria).locator('.history-list article');
    await expect.poll(() => entries.locator('.history-who .comment-author').allTextContents(), LIVE).toEqual(['Chair', 'Government', 'Government', 'Chair', 'Chair']);
    const [afterRev1, beforeRev1] = [entries.nth(1), entries.nth(2)];
    const paragraphsOf = (entry: typeof afterRev1) => entry.getByRole('list', { name: 'Paragraphs changed' }).getByRole('listitem').allTextContents();
    expect(await paragraphsOf(afterRev1)).toEqual(['Box II(2)', 'Box III(3bis)']);
    expect(await paragraphsOf(beforeRev1)).toEqual(['Box I(2)', 'Box III(1)']);
    expect(await afterRev1.getByRole('button', { name: 'Box III(3bis)' }).getAttribute('title')).toBe('Now Box III(5): go to it in the text');
    expect(await afterRev1.locator('.history-chip').count()).toBe(0);
    expect(await beforeRev1.locator('.history-chip').allTextContents()).toEqual([expect.stringContaining('Rev.1')]);
    // Each entry is an article named for screen readers by who made it and when.
    expect(await afterRev1.getAttribute('aria-label')).toMatch(/^Government, /);
    expect(await entries.first().locator('.history-source').textContent()).toBe('Renumbered');
    expect(await entries.first().locator('.history-chip').allTextContents()).toEqual([expect.stringContaining('Rev.2')]);
    await historyPanel(veloria).screenshot({ path: screenshotPath('history-e2e-10-veloria-timeline') });
    await showHistory(veloria, 'Revisions');
    seen['veloria: revisions'] = namesIn(await everythingIn(historyPanel(veloria)));
    await revisionCard(veloria, 'Rev.2').getByRole('link', { name: 'Compare with Rev.1' }).click();
    await veloria.locator('.change-list').first().waitFor(LIVE);
    seen['veloria: compare'] = namesIn(await pageWithoutAccount(veloria, 'veloria'));
    await veloria.getByRole('link', { name: 'Rev.2 renumbered the text: see the concordance' }).click();
    await veloria.locator('.concordance-table').waitFor(LIVE);
    seen['veloria: concordance'] = namesIn(await pageWithoutAccount(veloria, 'veloria'));

    // The chair: the timeline, the revisions, the redline and the concordance (from the notice).
    await showHistory(chair, 'Timeline');
    await expect
      .poll(() => historyPanel(chair).locator('.history-list article .history-who .comment-author').allTextContents(), LIVE)
      .toEqual(['Chair (you)', 'Government', 'Government', 'Chair (you)', 'Chair (you)']);
    seen['chair: timeline'] = namesIn(await everythingIn(historyPanel(chair)));
    await historyPanel(chair).screenshot({ path: screenshotPath('history-e2e-11-chair-timeline') });
    // The oldest entries, below the fold of the panel's own scroll.
    await historyPanel(chair).locator('.history-list > li').last().scrollIntoViewIfNeeded();
    await historyPanel(chair).screenshot({ path: screenshotPath('history-e2e-11b-chair-timeline-oldest') });
    await showHistory(chair, 'Revisions');
    seen['chair: revisions'] = namesIn(await everythingIn(historyPanel(chair)));
    await historyPanel(chair).screenshot({ path: screenshotPath('history-e2e-12-chair-revisions') });
    await revisionCard(chair, 'Rev.2').getByRole('link', { name: 'Compare with Rev.1' }).click();
    await chair.locator('.change-list').first().waitFor(LIVE);
    seen['chair: compare'] = namesIn(await pageWithoutAccount(chair, 'chair'));
    await chair.getByRole('link', { name: 'Rev.2 renumbered the text: see the concordance' }).click();
    await chair.locator('.concordance-table').waitFor(LIVE);
    seen['chair: concordance'] = namesIn(await pageWithoutAccount(chair, 'chair'));

    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((where) => [where, []])));

    // The same through the API, as a script would read it: categories, never a name.
    const veloriaApi = await server.api('veloria@accord.example');
    const timeline = await veloriaApi.history.timeline(dialogueId, documentId);
    for (const entry of timeline.entries) expect(Object.keys(entry.author).toSorted()).toEqual(['category', 'you']);
    for (const revision of await veloriaApi.history.revisions(dialogueId, documentId)) expect(revision.createdBy).toEqual({ category: 'Chair', you: false });
    // The concordance as plain text, for a delegation's notes.
    const plain = await veloriaApi.history.concordanceText(dialogueId, documentId, revisionIds.rev2);
    expect(plain).toMatch(/Box I\(2bis\)\s+→?\s*Box I\(3\)/);
    expect(namesIn(plain)).toEqual([]);
  });
});
