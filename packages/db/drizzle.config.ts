import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`pnpm db:generate`) and checked in; they are never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
