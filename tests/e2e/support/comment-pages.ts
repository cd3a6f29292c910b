/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';

/** The comments side panel and what the end-to-end tests read from it and from the text. */

export const commentsPanel = (page: Page): Locator => page.getByRole('complementary', { name: 'Comments' });

export const threadCard = (page: Page, threadId: string): Locator => commentsPanel(page).locator(`article[data-thread-id="${threadId}"]`);

/** A thread's highlighted words in the text (a decoration: one element per text node it covers). */
export const highlightOf = (page: Page, threadId: string): Locator => page.locator(`.comment-highlight[data-thread="${threadId}"]`);

export const paragraphCited = (page: Page, citation: string): Locator => page.locator(`[data-paragraph][data-citation="${citation}"]`);

/** The ids of the threads the panel lists, in its order. */
export function listedThreads(page: Page): Promise<string[]> {
  return commentsPanel(page)
    .locator('article[data-thread-id]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-thread-id') ?? ''));
}

/** The threads highlighted anywhere in the text. */
export function highlightedThreads(page: Page): Promise<string[]> {
  return page.locator('.comment-highlight[data-thread]').evaluateAll((marks) => [...new Set(marks.map((m) => m.getAttribute('data-thread') ?? ''))].toSorted());
}

/** The panel's heading count, "4 open", once the threads have loaded. */
export async function openTotal(page: Page): Promise<number> {
  const text = (await commentsPanel(page).locator('.comments-total').textContent()) ?? '';
  const match = /^(\d+) open$/.exec(text.trim());
  if (!match) throw new Error(`the comments have not loaded: "${text}"`);
  return Number(match[1]);
}

/** Open comments per box as the outline shows them ("Box II" → 2); a box without any shows none. */
export function outlineCommentCounts(page: Page): Promise<Record<string, number>> {
  return page
    .getByRole('navigation', { name: 'Outline' })
    .locator('.outline-item')
    .evaluateAll((items) => {
      const counts: Record<string, number> = {};
      for (const item of items) {
        const box = /^Box [IVXLC]+/.exec(item.querySelector('.outline-box')?.textContent ?? '')?.[0];
        if (!box) continue;
        const shown = item.querySelector('.outline-comments')?.textContent ?? '';
        counts[box] = Number(/^(\d+) open comments?$/.exec(shown)?.[1] ?? 0);
      }
      return counts;
    });
}

/**
 * Selects words of a paragraph as a person does: pressing the mouse before the first letter and
 * releasing it after the last (the words must lie within one paragraph's own text).
 */
export async function dragToSelect(page: Page, citation: string, words: string): Promise<void> {
  const text = paragraphCited(page, citation).locator('[data-paragraph-text]').first();
  await text.scrollIntoViewIfNeeded();
  const points = await text.evaluate((element, wanted) => {
    // The paragraph's own characters, without what the editor draws into it (labels, others' carets).
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        const drawn = node.parentElement?.closest('[contenteditable="false"], .collaboration-carets__caret');
        return drawn && drawn !== element && element.contains(drawn) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((n) => n.data).join('');
    const at = whole.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not in the paragraph: "${whole}"`);
    const charRect = (index: number) => {
      let offset = index;
      for (const node of nodes) {
        if (offset < node.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return range.getBoundingClientRect();
        }
        offset -= node.length;
      }
      throw new Error(`no character at ${index}`);
    };
    const first = charRect(at);
    const last = charRect(at + wanted.length - 1);
    return { from: { x: first.left + 1, y: first.top + first.height / 2 }, to: { x: last.right - 1, y: last.top + last.height / 2 } };
  }, words);
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move(points.to.x, points.to.y, { steps: 8 });
  await page.mouse.up();
}

/** The text the browser has selected now. */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

/**
 * All the page holds, as text: what it shows and every attribute (titles, labels, data), except in
 * the elements `leaveOut` selects.
 */
export function pageContent(page: Page, leaveOut: string[] = []): Promise<string> {
  return page.evaluate((selectors) => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const selector of selectors) for (const element of copy.querySelectorAll(selector)) element.remove();
    const attributes = [...copy.querySelectorAll('*')].flatMap((element) => [...element.attributes].map((a) => a.value));
    return `${copy.textContent ?? ''}\n${attributes.join('\n')}`;
  }, leaveOut);
}
