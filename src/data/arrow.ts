/**
 * Arrow IPC reader (file and stream formats) with apache-arrow's streaming RecordBatchReader over a
 * file handle: one record batch in memory at a time, only requested children copied.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { CompressionType, Message, MessageHeader, RecordBatchReader, Type, compressionRegistry, type DataType, type Field } from 'apache-arrow';
import { DataError, describeFsError } from '../errors.js';
import { copyData } from './arrow-columns.js';
import type { DatasetBuilder } from './builders.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import { hashFileInWorker } from './hash-file.js';
import type { FileFacts, FormatReader } from './source.js';

/** Thrown by the placeholder codecs below so the reader can say which codec the file needs. */
class MissingCodec extends Error {
  constructor(readonly codec: string) {
    super(`compressed Arrow IPC (${codec}) is not supported`);
  }
}

// No LZ4/ZSTD decoder ships with our dependencies; placeholders turn apache-arrow's generic
// "codec not found" into a message naming the codec. A real codec registered elsewhere wins.
for (const [type, name] of [
  [CompressionType.LZ4_FRAME, 'LZ4'],
  [CompressionType.ZSTD, 'ZSTD'],
] as const) {
  if (!compressionRegistry.get(type)) {
    compressionRegistry.set(type, {
      decode: () => {
        throw new MissingCodec(name);
      },
    });
  }
}

function arrowError(path: string, err: unknown): DataError {
  if (err instanceof DataError) return err;
  if (err instanceof MissingCodec) {
    return new DataError({
      file: path,
      message: `compressed Arrow IPC (${err.codec}) is not supported; write it uncompressed`,
      hint: "pyarrow: feather.write_feather(df, path, compression='uncompressed')",
    });
  }
  const reason = String((err as Error)?.message ?? err).split('\n')[0];
  return new DataError({ file: path, message: `cannot read Arrow IPC (truncated or corrupt?): ${reason}` });
}

function columnType(t: DataType): ColumnType {
  switch (t.typeId) {
    case Type.Int:
      return 'integer';
    case Type.Float:
    case Type.Decimal:
      return 'number';
    case Type.Bool:
      return 'boolean';
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'string';
    case Type.Dictionary:
      return columnType((t as unknown as { dictionary: DataType }).dictionary);
    case Type.Date:
    case Type.Timestamp:
    case Type.Time:
      return 'date';
    case Type.Null:
      return 'null';
    default:
      return 'unknown';
  }
}

async function openReader(path: string): Promise<{ fh: FileHandle; reader: Awaited<ReturnType<typeof RecordBatchReader.from>> }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw describeFsError(path, err);
  }
  try {
    const reader = await RecordBatchReader.from(fh);
    await reader.open();
    if (!reader.schema) throw new Error('no schema message (empty or truncated stream)');
    return { fh, reader };
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw arrowError(path, err);
  }
}

/**
 * Rows of an IPC *file* from its footer: each record batch's metadata message (a few hundred bytes)
 * says its length, so the builders can be sized once, without reading any batch body. Anything
 * unexpected (a stream, a legacy or damaged footer) gives null: the builders then grow as they go,
 * which changes speed and memory only; the read itself reports a damaged file as before.
 */
async function footerRowCount(fh: FileHandle, reader: Awaited<ReturnType<typeof RecordBatchReader.from>>): Promise<number | null> {
  try {
    const footer = reader.isFile() ? reader.footer : null;
    if (!footer) return null;
    let rows = 0;
    for (let i = 0; i < footer.numRecordBatches; i++) {
      const block = footer.getRecordBatch(i);
      if (!block || block.metaDataLength < 8) return null;
      const buf = Buffer.alloc(block.metaDataLength);
      const { bytesRead } = await fh.read(buf, 0, buf.length, Number(block.offset));
      if (bytesRead !== buf.length) return null;
      // Continuation marker 0xFFFFFFFF then the length (current format), or the length alone (pre-0.15).
      const at = buf.readInt32LE(0) === -1 ? 4 : 0;
      const length = buf.readInt32LE(at);
      if (length <= 0 || at + 4 + length > buf.length) return null;
      const message = Message.decode(buf.subarray(at + 4, at + 4 + length));
      if (message.headerType !== MessageHeader.RecordBatch) return null;
      const n = Number((message.header() as { length: number | bigint }).length);
      if (!Number.isSafeInteger(n) || n < 0) return null;
      rows += n;
    }
    return rows;
  } catch {
    return null;
  }
}

export async function openArrow(path: string): Promise<FormatReader> {
  const { fh, reader } = await openReader(path);
  const fields: Field[] = reader.schema.fields;
  const rowCount = await footerRowCount(fh, reader);
  await reader.cancel().catch(() => undefined);
  await fh.close().catch(() => undefined);
  const schema: ColumnSchema[] = fields.map((f) => ({ name: f.name, type: columnType(f.type), physical: String(f.type) }));
  return {
    format: 'arrow',
    schema,
    schemaComplete: true,
    rowCount,
    fill: (out, request, hash) => fillArrow(path, out, request, hash),
  };
}

async function* fillArrow(path: string, out: DatasetBuilder, request: ColumnRequest[], hash: boolean): AsyncGenerator<void, FileFacts | null> {
  const hashing = hash ? hashFileInWorker(path) : null;
  hashing?.catch(() => undefined); // awaited below; avoid an unhandled rejection if decoding fails first
  const { fh, reader } = await openReader(path);
  try {
    const index = new Map(reader.schema.fields.map((f, i) => [f.name, i]));
    const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
    const positions = request.map((c) => index.get(c.name)!);
    for (;;) {
      let step: IteratorResult<Awaited<ReturnType<typeof reader.next>>['value']>;
      try {
        step = await reader.next();
      } catch (err) {
        throw arrowError(path, err);
      }
      if (step.done) break;
      const batch = step.value;
      let rowsBefore = out.rows;
      for (let k = 0; k < builders.length; k++) {
        const child = batch.getChildAt(positions[k]!);
        if (!child) throw new DataError({ file: path, field: builders[k]!.name, message: 'column missing from a record batch' });
        rowsBefore = out.rows;
        for (const d of child.data) {
          copyData(d, builders[k]!, { file: path, rowsBefore });
          rowsBefore += d.length;
        }
      }
      out.rows += batch.numRows;
      yield;
    }
    if (!hashing) return null;
    return await hashing;
  } finally {
    await reader.cancel().catch(() => undefined);
    await fh.close().catch(() => undefined);
  }
}
