export * from './schema.js';
export { newId } from './ids.js';
export { boxLabels, computeLabels, labelRepairs, loneAlternatives, paragraphSlots, type AltPosition, type Label, type LabelKind, type LabelRepair, type Labels } from './labels.js';
export { formatSuffix, letter, romanNumeral, paragraphNumber, subparagraphLetter, parseRomanNumeral, parseSuffix, parseLetter } from './label-format.js';
export { renumber } from './renumber.js';
export { TextModelError, TextFormatError } from './errors.js';
export { bracketRepairs, identityRepairs, idsIn, pastedIdentities, type BracketRepair, type IdentityRepair } from './identity.js';
export { openBrackets, bracketCount, type BoxBrackets, type OpenBracket } from './brackets.js';
export { bracketOf, sameBracket } from './bracket-mark.js';
export { toJSON, fromJSON, type RollingTextJSON, type RollingTextNodeJSON, type RollingTextMarkJSON } from './json.js';
export { validateDocument, type DocumentProblem, type DocumentValidation } from './validate.js';
export { toPlainText, fromPlainText } from './plain-text.js';
export { blankRollingText, CCW_BOX_TITLES, emptyBox, emptyRollingText, textFromBoxTitles } from './template.js';
export { isOwnSponsor, isSteward, roomRuleViolation, writesText, type RoomRuleCode, type RoomRuleViolation, type RoomWriter } from './room-rules.js';
/** For renderers of the printed text (@accord/formats) and the editor's clipboard: the bracket each inline node is printed in, a block's inline text in the plain-text format, and the line breaks the format turns into spaces. */
export { effectiveBrackets, escapeText, LINE_BREAKS, writeInline } from './plain-text-inline.js';
