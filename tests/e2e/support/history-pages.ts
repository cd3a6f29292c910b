/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { demoMembers } from '../../../apps/server/src/seed/demo-data.js';
import { paragraphCited } from './comment-pages.js';

/** The history beside the text, the compare page and the concordance, as the end-to-end tests read them. */

/**
 * What the Chatham House Rule keeps out of the history: every demo member's name and affiliation.
 * A delegation's short name ("Veloria") is not here: as a bracket's sponsor it is a state's position in
 * the text, which a redline shows like any other word.
 */
export const MEMBER_NAMES: readonly string[] = [...new Set(demoMembers.flatMap((m) => [m.displayName, m.affiliation.name]))];

export const historyPanel = (page: Page): Locator => page.getByRole('region', { name: 'History' });

/** A named revision's card in the History panel, by its label. */
export const revisionCard = (page: Page, label: string): Locator =>
  historyPanel(page)
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${label.replaceAll('.', '\\.')}\\b`) }) });

/** Brings the History tab forward and shows its timeline or its revisions, loaded. */
export async function showHistory(page: Page, view: 'Timeline' | 'Revisions'): Promise<void> {
  await page.getByRole('tab', { name: 'History' }).click();
  await historyPanel(page).getByRole('radiogroup', { name: 'Show' }).getByRole('radio', { name: view }).check();
  const loaded = view === 'Timeline' ? historyPanel(page).locator('.history-list article').first() : historyPanel(page).locator('.history-list, .comments-empty').first();
  await loaded.waitFor({ timeout: 15_000 });
}

/** What an element shows a sighted reader: its text without what only screen readers hear. */
export function shownText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replaceAll(/\s+/g, ' ').trim();
  });
}

/** Everything an element holds as text: its words, including those for screen readers, and every attribute (titles, labels, data). */
export function everythingIn(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const attributes = [element, ...element.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`));
    return `${element.textContent ?? ''}\n${attributes.join('\n')}`;
  });
}

/** The member names found in `content`: none, under the Chatham House Rule. */
export const namesIn = (content: string): string[] => MEMBER_NAMES.filter((name) => content.includes(name));

/**
 * Puts the caret after the last character of a paragraph's own text, as a person clicks there (the
 * End key alone goes to the end of a visual line, not of a wrapped paragraph), then types.
 */
export async function typeAtEndOf(page: Page, citation: string, words: string): Promise<void> {
  const text = paragraphCited(page, citation).locator('[data-paragraph-text]').first();
  await text.scrollIntoViewIfNeeded();
  const point = await text.evaluate((element) => {
    // The paragraph's own characters, without what the editor draws into it (labels, notes, others' carets).
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        const drawn = node.parentElement?.closest('[contenteditable="false"], .collaboration-carets__caret');
        return (drawn && drawn !== element && element.contains(drawn)) || !(node as Text).data.trim() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
    if (!last) throw new Error('the paragraph has no text');
    const range = document.createRange();
    range.setStart(last, last.length - 1);
    range.setEnd(last, last.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.right - 1, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
  await page.keyboard.press('End');
  await page.keyboard.type(words);
}
