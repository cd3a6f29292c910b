/** The Y.XmlFragment the editor binds to: the one root a rolling text's Y.Doc holds. */
export const ROLLING_TEXT_FIELD = 'rollingText';
