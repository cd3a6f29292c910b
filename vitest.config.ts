import { defineConfig } from 'vitest/config';

/**
 * One run over every package. Workspace packages resolve to their TypeScript sources (the `source`
 * export condition), so tests never run stale builds. DATABASE_URL switches every database-backed
 * test from in-memory PGlite to a fresh database on that PostgreSQL server.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
