/// <reference lib="dom" />
import type { AccordApi } from '@accord/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';

/**
 * The clipboard in a real browser, through the real clipboard (Ctrl+C, Ctrl+V, and the async
 * Clipboard API to read what a copy wrote and to put there what Word or an e-mail would): copying
 * Box I(2) keeps its brackets and sponsors in text/plain and in text/html; a copy across paragraphs
 * gives labelled lines; the structured text pasted into a paragraph becomes a paragraph with
 * a sub-paragraph and brackets, as the server then holds it; Word's HTML too; arbitrary text gives
 * plain paragraphs; a paragraph cut and pasted is moved (same id); civil society cannot paste into
 * the text.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the clipboard end-to-end test: ${availability.reason}\n`);

const paragraphCited = (page: Page, citation: string) => page.locator(`[data-paragraph][data-citation="${citation}"]`);

const BOX_I_2 =
  'For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that, once activated, can [identify,] select and engage [targets][military objectives] [with lethal force]{Veloria} without further intervention by a human operator.';

const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"></head>
<body lang=EN-GB>
<!--StartFragment-->
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>7.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Each State [shall][should]{Solmar} conduct <i>legal reviews</i>.<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a><o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>of new weapons;<o:p></o:p></p>
<!--EndFragment-->
<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> As in article 36 of Additional Protocol I.<o:p></o:p></p></div></div>
</body></html>`;

/** Both types a copy wrote, read back through the async Clipboard API. */
async function readClipboard(page: Page): Promise<{ text: string; html: string; htmlText: string }> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const text = item!.types.includes('text/plain') ? await (await item!.getType('text/plain')).text() : '';
    const html = item!.types.includes('text/html') ? await (await item!.getType('text/html')).text() : '';
    // What Word or Google Docs shows of it: the characters, with block breaks.
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    for (const block of body.querySelectorAll('p, h2')) block.append('\n');
    return { text, html, htmlText: (body.textContent ?? '').replace(/\u00a0/g, ' ') };
  });
}

async function writeClipboard(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate(async (types) => {
    const blobs: Record<string, Blob> = {};
    for (const [type, value] of Object.entries(types)) blobs[type] = new Blob([value], { type });
    await navigator.clipboard.write([new ClipboardItem(blobs)]);
  }, data);
}

/** The cursor at the end of a paragraph's own text. */
async function cursorAtEnd(page: Page, citation: string): Promise<void> {
  await paragraphCited(page, citation).locator('[data-paragraph-text]').evaluate((text) => {
    // The editor reads the browser's selection only while it has the focus.
    (text.closest('[contenteditable]') as HTMLElement).focus();
    const range = document.createRange();
    range.selectNodeContents(text);
    range.collapse(false);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await page.waitForTimeout(100);
}

describe.runIf(availability.run)('copy and paste through the real clipboard', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: AccordApi;
  let place = { dialogueId: '', documentId: '' };
  let documentUrl = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    const [dialogue] = await chairApi.dialogues.list();
    const [document] = await chairApi.documents.list(dialogue!.id);
    place = { dialogueId: dialogue!.id, documentId: document!.id };
    documentUrl = `${server.url}/dialogues/${place.dialogueId}/documents/${place.documentId}`;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  const serverText = async (): Promise<string> => (await chairApi.documents.text(place.dialogueId, place.documentId)).text;

  async function openAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`[${email}] ${error.message}`));
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it('Ctrl+C on Box I(2): its words with brackets and sponsors, as text and as HTML; across paragraphs, labelled lines', async () => {
    const chair = await openAs('chair@accord.example');
    const words = paragraphCited(chair, 'Box I(2)').locator('[data-paragraph-text]');
    await words.click({ clickCount: 3 });
    await chair.keyboard.press('Control+C');
    const inside = await readClipboard(chair);
    expect(inside.text).toBe(BOX_I_2);
    expect(inside.text).not.toContain('targetsmilitary');
    expect(inside.htmlText.trim()).toBe(BOX_I_2);
    // Plain elements and inline styles: nothing that needs Accord's CSS.
    expect(inside.html).not.toMatch(/class="rt-/);

    // From the start of Box I(2) to the end of Box I(2bis)(c).
    await chair.evaluate(() => {
      const from = document.querySelector('[data-paragraph][data-citation="Box I(2)"] [data-paragraph-text]')!;
      (from.closest('[contenteditable]') as HTMLElement).focus();
      const to = document.querySelector('[data-paragraph][data-citation="Box I(2bis)"] [data-subparagraph]:last-of-type')!;
      const range = document.createRange();
      range.setStart(from, 0);
      range.setEnd(to, to.childNodes.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await chair.waitForTimeout(100);
    await chair.keyboard.press('Control+C');
    const across = await readClipboard(chair);
    expect(across.text.split('\n')).toEqual([
      `2. ${BOX_I_2}`,
      '2bis. The following functions do not, by themselves, make a weapon system a lethal autonomous weapons system:',
      '   (a) automated navigation, surveillance or sensor fusion that supports, but does not replace, a human decision to engage;',
      '   (b) target recognition that only proposes targets for validation by a human operator;',
      '   (c) the engagement of incoming munitions by systems designed [exclusively][principally]{Kestria} for the defence of a fixed position.',
    ]);
    expect(across.htmlText.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual([
      `2. ${BOX_I_2}`,
      '2bis. The following functions do not, by themselves, make a weapon system a lethal autonomous weapons system:',
      '(a) automated navigation, surveillance or sensor fusion that supports, but does not replace, a human decision to engage;',
      '(b) target recognition that only proposes targets for validation by a human operator;',
      '(c) the engagement of incoming munitions by systems designed [exclusively][principally]{Kestria} for the defence of a fixed position.',
    ]);
    await chair.screenshot({ path: screenshotPath('clipboard-copy-across-paragraphs') });

    // Pasted back into Accord, its own HTML is read exactly: paragraphs, sub-paragraphs, brackets and
    // sponsors, with new ids and labels where they land, and none of the printed labels as words.
    const before = await serverText();
    await cursorAtEnd(chair, 'Box III(3)');
    await chair.keyboard.press('Control+V');
    await expect.poll(serverText, { timeout: 20_000 }).toContain('the defence of a fixed position.\n');
    const after = await serverText();
    const boxIII = after.slice(after.indexOf('Box III.'));
    expect(boxIII).toContain(`. ${BOX_I_2}\n`);
    expect(boxIII).toContain('   (c) the engagement of incoming munitions by systems designed [exclusively][principally]{Kestria} for the defence of a fixed position.');
    expect(boxIII).not.toContain('2bis. The following functions');
    expect(after.slice(0, after.indexOf('Box III.'))).toBe(before.slice(0, before.indexOf('Box III.')));
  });

  it("Ctrl+V of the issue's structured text into a paragraph: a new paragraph with its sub-paragraph and brackets, no literal \"5.\"", async () => {
    const chair = await openAs('chair@accord.example');
    const before = await serverText();
    await writeClipboard(chair, { 'text/plain': '5. States [shall][should] take all feasible precautions.\n(a) first item;' });
    await cursorAtEnd(chair, 'Box III(1)');
    await chair.keyboard.press('Control+V');
    await expect.poll(serverText, { timeout: 20_000 }).toContain('1bis. States [shall][should] take all feasible precautions.\n   (a) first item;\n2. In particular,');
    const after = await serverText();
    expect(after).not.toContain('5. States');
    // Nothing else changed.
    expect(after.replace('1bis. States [shall][should] take all feasible precautions.\n   (a) first item;\n', '')).toBe(before);
    // The editor shows it as the server holds it: a paragraph, its sub-paragraph, two brackets.
    const pasted = paragraphCited(chair, 'Box III(1bis)');
    expect(await pasted.locator('[data-bracket]').count()).toBe(2);
    expect(await pasted.locator('[data-subparagraph]').count()).toBe(1);
    await pasted.scrollIntoViewIfNeeded();
    await chair.screenshot({ path: screenshotPath('clipboard-paste-structured') });

    // One line of words pasted inside a paragraph stays words there, its bracket a bracket.
    await writeClipboard(chair, { 'text/plain': ' and [forthwith]{Solmar}' });
    await cursorAtEnd(chair, 'Box III(1bis)');
    await chair.keyboard.press('Control+V');
    await expect.poll(serverText, { timeout: 20_000 }).toContain('1bis. States [shall][should] take all feasible precautions. and [forthwith]{Solmar}\n   (a) first item;');
  });

  it("Ctrl+V of Word's HTML: numbering, brackets, sponsors, emphasis and the footnote are read", async () => {
    const chair = await openAs('chair@accord.example');
    await writeClipboard(chair, { 'text/html': WORD_HTML, 'text/plain': '7.\tEach State [shall][should]{Solmar} conduct legal reviews.[1]\n(a)\tof new weapons;' });
    await cursorAtEnd(chair, 'Box II(2)');
    await chair.keyboard.press('Control+V');
    await expect
      .poll(serverText, { timeout: 20_000 })
      .toContain('2bis. Each State [shall][should]{Solmar} conduct legal reviews.^[As in article 36 of Additional Protocol I.]\n   (a) of new weapons;\n3. Compliance');
    const pasted = paragraphCited(chair, 'Box II(2bis)');
    expect(await pasted.locator('em').textContent()).toBe('legal reviews');
    expect(await pasted.locator('[data-footnote]').count()).toBe(1);
  });

  it('Ctrl+V of arbitrary text: plain paragraphs, never a mangled structure', async () => {
    const chair = await openAs('chair@accord.example');
    const before = await serverText();
    await writeClipboard(chair, { 'text/plain': 'Dear colleagues,\n\nplease find [attached the text\n   (which follows) below.' });
    await cursorAtEnd(chair, 'Box II(5)');
    await chair.keyboard.press('Control+V');
    await expect.poll(serverText, { timeout: 20_000 }).toContain('6. Dear colleagues,\n7. please find \\[attached the text\n8. (which follows) below.\n');
    const after = await serverText();
    expect(after.replace('6. Dear colleagues,\n7. please find \\[attached the text\n8. (which follows) below.\n', '')).toBe(before);
  });

  it('Ctrl+X and Ctrl+V of a whole paragraph moves it: same id, labelled where it lands', async () => {
    const chair = await openAs('chair@accord.example');
    const sixth = '[High Contracting Parties shall establish, under the Convention, a mechanism for the regular exchange of information on national review procedures.]{Arandia, Solmar}';
    const id = await paragraphCited(chair, 'Box IV(6)').getAttribute('data-id');
    // From the end of Box IV(5)'s text to the end of Box IV(6)'s: the whole of paragraph 6.
    await chair.evaluate(() => {
      const from = document.querySelector('[data-paragraph][data-citation="Box IV(5)"] [data-paragraph-text]')!;
      const to = document.querySelector('[data-paragraph][data-citation="Box IV(6)"] [data-paragraph-text]')!;
      (from.closest('[contenteditable]') as HTMLElement).focus();
      const range = document.createRange();
      range.setStart(from, from.childNodes.length);
      range.setEnd(to, to.childNodes.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await chair.waitForTimeout(100);
    await chair.keyboard.press('Control+X');
    await expect.poll(serverText, { timeout: 20_000 }).not.toContain(sixth);
    await cursorAtEnd(chair, 'Box IV(4)');
    await chair.keyboard.press('Control+V');
    // After 4 and before 5, "6" would read out of order: it is labelled as a paragraph inserted there.
    await expect.poll(serverText, { timeout: 20_000 }).toContain(`{Veloria}.\n4bis. ${sixth}\n5. Measures to mitigate risk`);
    const { content } = await chairApi.documents.text(place.dialogueId, place.documentId);
    expect(JSON.stringify(content)).toContain(`"id":"${id}"`);
    expect(await paragraphCited(chair, 'Box IV(4bis)').getAttribute('data-id')).toBe(id);
  });

  it('civil society cannot paste into the text', async () => {
    const ngo = await openAs('ngo@accord.example');
    const before = await serverText();
    await writeClipboard(ngo, { 'text/plain': '9. Civil society text.' });
    await paragraphCited(ngo, 'Box III(3)').locator('[data-paragraph-text]').click();
    await ngo.keyboard.press('Control+V');
    await ngo.waitForTimeout(1_000);
    expect(await serverText()).toBe(before);
    expect(await ngo.locator('.rolling-text').textContent()).not.toContain('Civil society text.');
    expect(pageErrors).toEqual([]);
  });
});
