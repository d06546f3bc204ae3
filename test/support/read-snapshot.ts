/**
 * Everything a reader produced for a file, in a form `toEqual` compares exactly (numbers as their
 * values with -0 and NaN spelled out; validity bytes, codes and dictionaries as arrays), or the
 * UserError's message and problems. The fast-path tests read a file with a path on and off and
 * compare the two snapshots.
 */
import type { ColumnSchema, ReadAs } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { UserError } from '../../src/errors.js';

export async function readSnapshot(
  p: string,
  names: (schema: ColumnSchema[]) => string[],
  as: readonly ReadAs[],
  scan: boolean,
): Promise<unknown> {
  try {
    const src = await openDataset(p);
    const columns = names(src.schema).map((name, i) => ({ name, as: as[i % as.length]! }));
    const parts: unknown[] = [];
    const describe = (data: { rows: number; columns: Map<string, unknown> }): void => {
      const cols: unknown[] = [data.rows];
      for (const [name, col] of data.columns) {
        const c = col as { kind: string; values?: Float64Array; valid?: Uint8Array | null; codes?: Int32Array; dictionary?: string[] };
        cols.push(name, c.kind);
        if (c.values) cols.push([...c.values].map((x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x)));
        if (c.valid) cols.push([...c.valid]);
        if (c.codes) cols.push([...c.codes], [...c.dictionary!]);
      }
      parts.push(cols);
    };
    if (scan) for await (const batch of src.scan({ columns, reuse: true })) describe(batch);
    else {
      const { info, data } = await src.read({ columns });
      parts.push(info.sha256, info.bytes, info.rows);
      describe(data);
    }
    return parts;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { error: err.message, problems: JSON.parse(JSON.stringify(err.problems)) };
  }
}
