/** XSD validation in tests with libxml2 (as WebAssembly): the error list, empty when the document is valid. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

// The official schema imports ./xml.xsd beside it: let libxml2 read files.
xmlRegisterFsInputProviders();

export function xsdErrors(xsdPath: string, xml: string): string[] {
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: pathToFileURL(xsdPath).href });
  const validator = XsdValidator.fromDoc(schemaDoc);
  const doc = XmlDocument.fromString(xml);
  try {
    validator.validate(doc);
    return [];
  } catch (error) {
    if (error instanceof XmlValidateError) return error.details.map((d) => `${d.line}: ${d.message.trim()}`);
    throw error;
  } finally {
    doc.dispose();
    validator.dispose();
    schemaDoc.dispose();
  }
}
