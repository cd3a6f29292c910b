/** The DOCX parts' XML tokenizer: the subset OOXML uses, and everything else refused with a code. */
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../src/import/index.js';
import { parseXml, type XmlNode } from '../src/import/xml.js';

const codeOf = (xml: string): string => {
  try {
    parseXml(xml, 'part.xml');
    return 'none';
  } catch (error) {
    return error instanceof ImportRefusal ? error.code : 'other';
  }
};

const texts = (nodes: readonly XmlNode[]): string => nodes.map((n) => ('text' in n ? n.text : texts(n.children))).join('');

describe('parseXml', () => {
  it('reads elements, attributes (quotes, ">" inside), entities, character references, CDATA, comments and declarations', () => {
    const [root] = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><w:document a='1 > 0' b="&quot;x&amp;y&quot;"><w:t xml:space="preserve"> a &lt;b&gt; &#233;&#x263A; </w:t><x/><![CDATA[<raw>&amp;]]></w:document>\n`,
      'p',
    );
    expect(root!.name).toBe('w:document');
    expect(root!.attrs).toEqual({ a: '1 > 0', b: '"x&y"' });
    expect(texts(root!.children)).toBe(' a <b> é☺ <raw>&amp;');
  });

  it('refuses malformed XML as FILE_UNREADABLE and any DOCTYPE as FILE_TOO_COMPLEX', () => {
    for (const bad of ['<a><b></a>', '<a>', '<a></a><b></b>', 'text<a/>', '<a x="1></a>', '<a>&unknown;</a>', '<a>&amp</a>', '<a b="1" junk></a>', '</a>', '<a><!-- open</a>']) {
      expect(codeOf(bad), bad).toBe('FILE_UNREADABLE');
    }
    expect(codeOf('<!DOCTYPE a><a/>')).toBe('FILE_TOO_COMPLEX');
    expect(codeOf('<a/>')).toBe('none');
    // Deep nesting would exhaust the stack of the recursive readers after parsing.
    expect(codeOf(`${'<w:hyperlink>'.repeat(100_000)}${'</w:hyperlink>'.repeat(100_000)}`)).toBe('FILE_TOO_COMPLEX');
  });
});
