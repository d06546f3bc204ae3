/**
 * One pass over the dataset: scan batch by batch, validate roles per batch (failing early, or
 * dropping invalid rows), keep only the columns checks need whole, and fold the wide columns into
 * the streaming checks' sinks. The file is hashed on a worker thread meanwhile.
 */
import type { CheckContext, StreamSink } from '../checks/types.js';
import { DatasetBuilder } from '../data/builders.js';
import type { ColumnRequest, Dataset, DatasetInfo, DatasetSource } from '../data/dataset.js';
import { hashFileInWorker } from '../data/hash-file.js';
import type { Roles } from '../checks/types.js';
import { outcomeBytes } from './outcome-bytes.js';
import { buildRoles, type RolePlan } from './roles.js';

export interface StreamTarget {
  sink: StreamSink;
  /** Builds the batch view this sink's check sees. */
  context(batch: Dataset, roles: Roles): CheckContext;
}

export interface LoadedData {
  info: DatasetInfo;
  data: Dataset;
  roles: Roles;
}

export async function loadData(args: {
  file: string;
  source: DatasetSource;
  plan: RolePlan;
  /** Columns kept whole (role columns and checks' `columns()`). */
  keep: ColumnRequest[];
  /** The columns checks' `columns()` ask for by name (kept as dataset columns whatever their role). */
  asked: ReadonlySet<string>;
  /** Columns read only for the sinks. */
  streamed: ColumnRequest[];
  threshold: number;
  onInvalid: 'error' | 'drop';
  targets: StreamTarget[];
  /** Called after each batch with the rows read so far and the total when the format knows it. */
  onProgress?: (rowsRead: number, totalRows: number | null) => void;
}): Promise<LoadedData> {
  const { file, source, plan, threshold, onInvalid, targets } = args;
  const hashing = hashFileInWorker(file);
  // Never leave the worker's rejection unhandled when the scan fails first.
  hashing.catch(() => undefined);
  // A binary task's outcome columns are kept as their validated bytes, not in the dataset.
  const bytes = outcomeBytes(plan, onInvalid, args.asked, source.rowCount ?? 0);
  const builder = new DatasetBuilder(bytes ? args.keep.filter((c) => !bytes.has(c.name)) : args.keep, source.rowCount ?? 0);
  const keepNames = new Set(args.keep.map((c) => c.name));
  const all = [...args.keep, ...args.streamed.filter((c) => !keepNames.has(c.name))];
  let rows = 0;
  let kept = 0;
  let dropped = 0;
  // Batches are views the next batch overwrites: roles, the kept copy and the sinks consume each at once.
  for await (const batch of source.scan({ columns: all, reuse: true })) {
    const checked = buildRoles(file, batch, plan, threshold, onInvalid, rows);
    builder.append(batch);
    bytes?.append(checked.roles, batch.estimatedRows);
    for (const t of targets) t.sink.add(t.context(checked.data, checked.roles), kept);
    rows += batch.rows;
    args.onProgress?.(rows, source.rowCount ?? null);
    kept += checked.data.rows;
    dropped += checked.roles.dropped.rows;
  }
  const whole = builder.finish();
  // Each batch was validated as it came; with nothing dropped the whole needs no second check.
  const { roles, data } = buildRoles(file, whole, plan, threshold, onInvalid, 0, dropped === 0, bytes?.finish() ?? null);
  const hash = await hashing;
  const info: DatasetInfo = {
    path: file,
    format: source.format,
    sha256: hash.sha256,
    bytes: hash.bytes,
    rows,
    columns: source.schema,
  };
  return { info, data, roles };
}
