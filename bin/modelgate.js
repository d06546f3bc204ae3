#!/usr/bin/env node
// The bundled build (dist/bundle/, `npm run build`) when it is at least as new as tsc's output,
// else tsc's output (dist/cli/): a bundle left over from before a later `tsc` would run old code.
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = mtime('../dist/bundle/main.js');
const bundled = bundle >= 0 && bundle >= mtime('../dist/cli/main.js');
// Signal handlers first (a Ctrl-C while the CLI loads still ends in 130), then the CLI itself.
if (bundled) {
  await import('../dist/bundle/interrupt.js');
  await import('../dist/bundle/main.js');
} else {
  await import('../dist/cli/interrupt.js');
  await import('../dist/cli/main.js');
}
