/**
 * Accept All / Reject All read straight from document.xml, as the OOXML rules say: accepting drops
 * deleted runs (`w:del`, `w:moveFrom`) and keeps inserted ones; a paragraph whose mark is deleted joins
 * the next paragraph. Rejecting is the mirror. Used where LibreOffice would be too slow (a property
 * test over many random redlines); LibreOffice checks the same in docx-libreoffice.test.ts.
 */
export function acceptedLines(documentXml: string, how: 'accept' | 'reject'): string[] {
  const gone = how === 'accept' ? /^(del|moveFrom)$/ : /^(ins|moveTo)$/;
  const body = documentXml.slice(documentXml.indexOf('<w:body>'), documentXml.lastIndexOf('</w:body>'));
  const lines: string[] = [];
  let carried = '';
  let footnotes = 0;
  for (const [, paragraph] of body.matchAll(/<w:p(?: [^>]*)?>(.*?)<\/w:p>|<w:p\/>/gs)) {
    const xml = paragraph ?? '';
    const properties = /^<w:pPr>(.*?)<\/w:pPr>/s.exec(xml);
    const mark = properties ? /<w:rPr><w:(ins|del|moveFrom|moveTo) [^>]*\/><\/w:rPr>/.exec(properties[1]!)?.[1] : undefined;
    let text = carried;
    // Runs, each inside a change or not (changes do not nest).
    for (const [, wrapper, inner, bare] of (properties ? xml.slice(properties[0].length) : xml).matchAll(/<w:(ins|del|moveFrom|moveTo) [^>]*[^/]>(.*?)<\/w:\1>|(<w:r>.*?<\/w:r>)/gs)) {
      if (wrapper !== undefined && gone.test(wrapper)) continue;
      for (const [piece] of (inner ?? bare ?? '').matchAll(/<w:(?:t|delText)(?: [^>]*)?>[^<]*<\/w:(?:t|delText)>|<w:tab\/>|<w:footnoteReference [^>]*\/>/g)) {
        if (piece === '<w:tab/>') text += '\t';
        else if (piece.startsWith('<w:footnoteReference')) text += String(++footnotes);
        else text += unescape(piece.replace(/^<[^>]*>|<[^>]*>$/g, ''));
      }
    }
    if (mark !== undefined && gone.test(mark)) {
      carried = text;
      continue;
    }
    carried = '';
    lines.push(text);
  }
  if (carried !== '') lines.push(carried);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
