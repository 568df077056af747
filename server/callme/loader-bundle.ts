import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client', 'src', 'callme', 'loader.ts');
export const SETTINGS_PLACEHOLDER = '__CALLME_SETTINGS__';

let cached: string | undefined;

/**
 * The loader script, bundled and minified once per process with esbuild (valibot is
 * tree-shaken to the few checks it uses). Kept out of the Vite app so it stays a few KB
 * and needs no build step; the server fills in each package's settings per request.
 */
export function loaderSource(): string {
  cached ??= buildSync({ entryPoints: [ENTRY], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, legalComments: 'none' }).outputFiles[0]!.text;
  return cached;
}

export function loaderFor(settings: unknown): string {
  // JSON is valid JavaScript; escaping "<" keeps a label from ever closing a script element. The
  // replacement is a function: a string would read "$'", "$&" or "$`" in a label as replacement patterns.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return loaderSource().replace(SETTINGS_PLACEHOLDER, () => json);
}
