import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Replaces (or appends) one benchmark's section of bench/RESULTS.md. */
export function writeSection(name: string, body: string): string {
  const file = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  const start = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const section = `${start}\n${body.trim()}\n${end}`;
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  writeFileSync(file, a >= 0 && b > a ? current.slice(0, a) + section + current.slice(b + end.length) : `${current.trimEnd()}\n\n${section}\n`);
  return file;
}
