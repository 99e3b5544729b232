#!/usr/bin/env node
// `npm test`: every suite under test/, through node:test and tsx. Says up front which optional
// suites (PostgreSQL, browser) will run, so a skip is never silent. With SCHAKEL_REQUIRE_ALL=1 (CI)
// a missing one fails the run instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? findTests(path)
        : name.endsWith('.test.ts')
          ? [path]
          : [];
    })
    .sort();
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('test');
const chromium = process.env.SCHAKEL_CHROMIUM ?? '/usr/bin/chromium';
const notes = [];
if (!process.env.SCHAKEL_TEST_DATABASE_URL) {
  notes.push(
    'PostgreSQL: SCHAKEL_TEST_DATABASE_URL is not set; trying postgres://schakel:schakel@localhost:5432/schakel, suites skip if unreachable',
  );
}
if (!existsSync(chromium))
  notes.push(`browser: ${chromium} not found; end-to-end suites skip (apt-get install chromium)`);
if (!existsSync('web/dist/index.html'))
  notes.push('browser: web/dist is not built; end-to-end suites skip (npm run build)');
for (const note of notes) console.error(`note: ${note}`);
if (notes.length > 0 && process.env.SCHAKEL_REQUIRE_ALL === '1') {
  console.error('SCHAKEL_REQUIRE_ALL=1: every suite must run; fix the above');
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
