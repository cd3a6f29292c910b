/**
 * The named styles of an exported working paper, so a secretariat can restyle a whole document from
 * Word's Styles pane: one paragraph style per kind of line and one character style per kind of run.
 * The look is a UN working paper's: Times New Roman 12 pt, the symbol top right, the title centred
 * and bold, box headings as Heading 1, paragraphs hanging on their label.
 */
import { AlignmentType, type IStylesOptions } from 'docx';

/** Twips: 1 cm = 567. */
const CM = 567;

/** Style ids, as the document's paragraphs and runs name them. The display names are in STYLES. */
export const STYLE = {
  symbol: 'AccordSymbol',
  statusDate: 'AccordStatusDate',
  title: 'AccordTitle',
  subtitle: 'AccordSubtitle',
  note: 'AccordNote',
  boxHeading: 'BoxHeading',
  paragraph: 'AccordParagraph',
  subparagraph: 'AccordSubparagraph',
  proposalHeading: 'AccordProposalHeading',
  proposal: 'AccordProposal',
  proposalNote: 'AccordProposalNote',
  label: 'AccordLabel',
  bracket: 'AccordBracket',
  sponsors: 'AccordSponsors',
  status: 'AccordStatus',
  proposedInsertion: 'AccordProposedInsertion',
  proposedDeletion: 'AccordProposedDeletion',
  footnoteReference: 'FootnoteReference',
} as const;

export const STYLES: IStylesOptions = {
  default: {
    document: { run: { font: 'Times New Roman', size: 24 }, paragraph: { spacing: { after: 120 } } },
    heading1: { run: { font: 'Times New Roman', size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: STYLE.symbol, name: 'Accord Symbol', basedOn: 'Normal', paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } }, run: { size: 20 } },
    { id: STYLE.statusDate, name: 'Accord Status Date', basedOn: 'Normal', paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 360 } }, run: { size: 20 } },
    { id: STYLE.title, name: 'Accord Title', basedOn: 'Normal', next: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 }, keepNext: true }, run: { bold: true, size: 28 } },
    { id: STYLE.subtitle, name: 'Accord Subtitle', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } }, run: { italics: true } },
    { id: STYLE.note, name: 'Accord Note', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } }, run: { size: 18 } },
    { id: STYLE.boxHeading, name: 'Box Heading', basedOn: 'Heading1', next: STYLE.paragraph, paragraph: { outlineLevel: 0 } },
    {
      id: STYLE.paragraph,
      name: 'Accord Paragraph',
      basedOn: 'Normal',
      paragraph: { indent: { left: 1.25 * CM, hanging: 1.25 * CM }, leftTabStop: 1.25 * CM, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: STYLE.subparagraph,
      name: 'Accord Subparagraph',
      basedOn: STYLE.paragraph,
      paragraph: { indent: { left: 2.25 * CM, hanging: 1 * CM }, leftTabStop: 2.25 * CM },
    },
    { id: STYLE.proposalHeading, name: 'Accord Proposal Heading', basedOn: 'Normal', paragraph: { indent: { left: 1.25 * CM }, spacing: { before: 60, after: 60 }, keepNext: true }, run: { bold: true, size: 20 } },
    { id: STYLE.proposal, name: 'Accord Proposal', basedOn: 'Normal', paragraph: { indent: { left: 1.25 * CM }, border: { left: { style: 'single', size: 12, color: '999999', space: 6 } } }, run: { size: 22 } },
    { id: STYLE.proposalNote, name: 'Accord Proposal Note', basedOn: 'Normal', paragraph: { indent: { left: 1.25 * CM } }, run: { italics: true, size: 20 } },
  ],
  characterStyles: [
    { id: STYLE.label, name: 'Accord Label', basedOn: 'DefaultParagraphFont' },
    { id: STYLE.bracket, name: 'Accord Bracket', basedOn: 'DefaultParagraphFont', run: { bold: true } },
    { id: STYLE.sponsors, name: 'Accord Sponsors', basedOn: 'DefaultParagraphFont', run: { italics: true, size: 20 } },
    { id: STYLE.status, name: 'Accord Status', basedOn: 'DefaultParagraphFont', run: { italics: true, color: '1F5F3A' } },
    { id: STYLE.proposedInsertion, name: 'Accord Proposed Insertion', basedOn: 'DefaultParagraphFont', run: { underline: { type: 'single' }, color: '1A5FB4' } },
    { id: STYLE.proposedDeletion, name: 'Accord Proposed Deletion', basedOn: 'DefaultParagraphFont', run: { strike: true, color: 'A51D2D' } },
  ],
};

/** The styles' display names, as a secretariat sees them in Word. */
export const DOCX_STYLE_NAMES: readonly string[] = [...(STYLES.paragraphStyles ?? []), ...(STYLES.characterStyles ?? [])].map((s) => s.name!).filter(Boolean);
