import { existsSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * Builds a directory beside its final place and moves it there only once `build` has finished, so a
 * server never opens a half-made database: not after a crash mid-way, and not while a helper process
 * orphaned by a stopped server is still writing (it writes to its own staging directory). An empty
 * directory already at the final place is replaced; a failed build leaves nothing behind.
 */
export async function buildInPlace(dir: string, build: (staging: string) => Promise<void>): Promise<void> {
  const staging = `${dir.replace(/[\\/]+$/, '')}.new-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await build(staging);
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
