/** Paragraph styles: which are headings (Heading 1…9, Title, "Box Heading"), and any numbering they carry. */
import { child, childrenNamed, type XmlElement } from './xml.js';

/** Headings, the title ("Title", or a house style such as "Accord Title"; not "Subtitle") and box headings. */
const HEADING_NAME = /^(heading\s*\d|title|.*\stitle|box\s*heading)$/i;
const HEADING_ID = /^(heading\d|title|boxheading)$/i;

interface Style {
  name: string;
  basedOn: string | undefined;
  outline: boolean;
  numId: string | undefined;
  ilvl: number | undefined;
}

export class Styles {
  private readonly styles = new Map<string, Style>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const style of childrenNamed(root, 'w:style')) {
      if (style.attrs['w:type'] !== undefined && style.attrs['w:type'] !== 'paragraph') continue;
      const pPr = child(style, 'w:pPr');
      const numPr = pPr ? child(pPr, 'w:numPr') : undefined;
      const outline = pPr ? child(pPr, 'w:outlineLvl') : undefined;
      this.styles.set(style.attrs['w:styleId'] ?? '', {
        name: child(style, 'w:name')?.attrs['w:val'] ?? '',
        basedOn: child(style, 'w:basedOn')?.attrs['w:val'],
        outline: outline !== undefined && Number(outline.attrs['w:val']) < 9,
        numId: numPr ? child(numPr, 'w:numId')?.attrs['w:val'] : undefined,
        ilvl: numPr ? Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0) : undefined,
      });
    }
  }

  isHeading(styleId: string | undefined): boolean {
    let id = styleId;
    // basedOn chains are short; the bound keeps a cyclic one from hanging.
    for (let depth = 0; id !== undefined && depth < 10; depth++) {
      if (HEADING_ID.test(id)) return true;
      const style = this.styles.get(id);
      if (!style) return false;
      if (HEADING_NAME.test(style.name) || style.outline) return true;
      id = style.basedOn;
    }
    return false;
  }

  numbering(styleId: string | undefined): { numId: string; ilvl: number } | undefined {
    let id = styleId;
    for (let depth = 0; id !== undefined && depth < 10; depth++) {
      const style = this.styles.get(id);
      if (!style) return undefined;
      if (style.numId !== undefined) return { numId: style.numId, ilvl: style.ilvl ?? 0 };
      id = style.basedOn;
    }
    return undefined;
  }
}
