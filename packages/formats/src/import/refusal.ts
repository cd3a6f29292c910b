/** Why a file is not imported; the server answers 422 with the code and the message as is. */
export type ImportRefusalCode = 'FILE_UNREADABLE' | 'FILE_ENCRYPTED' | 'FILE_HAS_MACROS' | 'FILE_TOO_COMPLEX';

export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';

  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export const unreadable = (message: string): ImportRefusal => new ImportRefusal('FILE_UNREADABLE', message);
export const tooComplex = (message: string): ImportRefusal => new ImportRefusal('FILE_TOO_COMPLEX', message);
