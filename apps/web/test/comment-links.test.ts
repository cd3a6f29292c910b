import { describe, expect, it } from 'vitest';
import { commentSegments } from '../src/comments/comment-links';

/** Rule: a comment is plain text; only http(s) addresses become links, and nothing becomes markup. */

describe('links in comments', () => {
  it('turns an http(s) address into a link and keeps the words around it as text', () => {
    expect(commentSegments('See https://www.icrc.org/en/document/autonomous-weapons for the ICRC view.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://www.icrc.org/en/document/autonomous-weapons', href: 'https://www.icrc.org/en/document/autonomous-weapons' },
      { kind: 'text', text: ' for the ICRC view.' },
    ]);
  });

  it('leaves sentence punctuation and an unopened parenthesis outside the link', () => {
    const links = commentSegments('(cf. https://example.org/a_(b)), and https://example.org/x.').filter((s) => s.kind === 'link');
    expect(links.map((l) => l.text)).toEqual(['https://example.org/a_(b)', 'https://example.org/x']);
  });

  it('gives a bare www. address an https link', () => {
    expect(commentSegments('www.unog.ch')).toEqual([{ kind: 'link', text: 'www.unog.ch', href: 'https://www.unog.ch/' }]);
  });

  it('never links javascript:, data: or markup, which stay text exactly as written', () => {
    const body = 'javascript:alert(1) <a href="https://evil.example">x</a> data:text/html,<b>';
    const segments = commentSegments(body);
    expect(segments.map((s) => s.text).join('')).toBe(body);
    expect(segments.filter((s) => s.kind === 'link').map((s) => s.href)).toEqual(['https://evil.example/']);
  });

  it('keeps every character of the body, in order', () => {
    const body = 'a https://x.org b\n\nwww.y.org, c http:// d';
    expect(commentSegments(body).map((s) => s.text).join('')).toBe(body);
  });
});
