/**
 * Stack traces of internal errors name src/*.ts positions, also from the bundled build: each frame
 * in a .js file with a source map next to it (dist/bundle/*.js.map, or tsc's maps in dist/) is
 * mapped when an internal error is printed. Only then: `node --enable-source-maps` would read and
 * parse every map at every start, which a normal run should not pay for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRAME = /(file:\/\/\/[^\s()]+?\.[cm]?js|\/[^\s():]+?\.[cm]?js):(\d+):(\d+)/g;

/** The stack with every mappable position replaced by its original file:line:column; never throws. */
export function mapStack(stack: string): string {
  const maps = new Map<string, { map: SourceMap; dir: string } | null>();
  const load = (file: string) => {
    if (!maps.has(file)) {
      let entry: { map: SourceMap; dir: string } | null = null;
      try {
        const mapFile = `${file}.map`;
        if (existsSync(mapFile)) entry = { map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload), dir: dirname(mapFile) };
      } catch {
        // An unreadable or malformed map: that frame stays as it is.
      }
      maps.set(file, entry);
    }
    return maps.get(file)!;
  };
  try {
    return stack.replace(FRAME, (whole: string, where: string, line: string, column: string) => {
      const file = where.startsWith('file://') ? fileURLToPath(where) : where;
      const m = load(file);
      if (!m) return whole;
      // Stack positions are 1-based; source map positions 0-based.
      const e = m.map.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (typeof e.originalSource !== 'string' || typeof e.originalLine !== 'number' || typeof e.originalColumn !== 'number') return whole;
      const source = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : resolve(m.dir, e.originalSource);
      return `${source}:${e.originalLine + 1}:${e.originalColumn + 1}`;
    });
  } catch {
    return stack;
  }
}
