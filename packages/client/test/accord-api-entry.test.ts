/**
 * `@accord/client/api` is the HTTP half alone: a page that only signs in or lists dialogues must not
 * pull in Yjs and socket.io. Checked on the sources' import graph, type-only imports included
 * (they vanish at build, so they may name anything: they are skipped).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url);
const IMPORT = /^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm;

function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , typeOnly, specifier] of readFileSync(fileURLToPath(new URL(file, src)), 'utf8').matchAll(IMPORT)) {
      if (typeOnly) continue;
      if (specifier!.startsWith('./')) visit(specifier!.slice(2).replace(/\.js$/, '.ts'));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return packages;
}

describe('the @accord/client/api entry', () => {
  it('reaches only the contract (and, through it, zod) at run time', () => {
    expect([...packagesReachedFrom('http-api.ts')].toSorted()).toEqual(['@accord/contract']);
  });

  it('the main entry, by contrast, reaches the real-time half (so the check above can fail)', () => {
    expect(packagesReachedFrom('index.ts')).toContain('socket.io-client');
  });
});
