// Fails when the drizzle schema has changes that no committed migration covers
// (ARCHITECTURE.md convention 11): a forgotten `npm run db:generate` breaks CI, not production.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const before = readdirSync('migrations').sort().join('\n');
const out = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'uncommitted_check'], { encoding: 'utf8' });
const after = readdirSync('migrations').sort().join('\n');
if (before !== after || !/No schema changes/i.test(out)) {
  console.error('The drizzle schema has changes without a migration. Run `npm run db:generate` and commit migrations/.');
  console.error(out);
  process.exit(1);
}
console.log('migrations: up to date with the schema');
