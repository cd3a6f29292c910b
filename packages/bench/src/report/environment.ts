/** What the figures were measured on, recorded beside them. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import type { DatabaseKind } from '../protocol.js';
import { accordRateLimitOverrides } from '../servers/accord-rate-limits.js';

export interface Environment {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  database: DatabaseKind;
  gitCommit: string | null;
  gitDirty: boolean | null;
  hocuspocusServer: string;
  yjs: string;
  /** Environment the Accord server runs with beyond its defaults (see accord-rate-limits.ts). */
  accordOverrides: Readonly<Record<string, string>>;
}

export function describeEnvironment(database: DatabaseKind, repoRoot: string): Environment {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${release()}`,
    database,
    gitCommit: git(repoRoot, ['rev-parse', 'HEAD']),
    gitDirty: ((status) => (status === null ? null : status.length > 0))(git(repoRoot, ['status', '--porcelain'])),
    hocuspocusServer: packageVersion('@hocuspocus/server'),
    yjs: packageVersion('yjs'),
    accordOverrides: accordRateLimitOverrides,
  };
}

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string {
  try {
    // Exports maps hide package.json; its entry point's directory chain holds it.
    const require = createRequire(import.meta.url);
    let dir = require.resolve(name);
    while (dir.includes('/') && !dir.endsWith(`/node_modules/${name}`)) dir = dir.slice(0, dir.lastIndexOf('/'));
    return (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
