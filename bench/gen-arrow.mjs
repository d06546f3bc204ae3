/**
 * Writes a DuckDB table as an uncompressed Arrow IPC file (DuckDB cannot write IPC offline): the
 * table is streamed chunk by chunk into record batches of BATCH rows. Numbers keep their physical
 * type (BIGINT -> Int64, DOUBLE -> Float64 with a validity bitmap); strings are written as Utf8 from
 * a small per-column dictionary so no per-row string is built in JS.
 */
import { createWriteStream } from 'node:fs';
import { Field, Float64, Int64, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, makeData } from 'apache-arrow';

const BATCH = 128 * 1024;

function items(vector) {
  return vector.items; // private in the TS types; see src/data/duckdb-vectors.ts
}

function validityWords(vector) {
  const d = vector.validity?.data;
  return d ? new Uint32Array(d.buffer, d.byteOffset, d.length * 2) : null;
}

export async function writeArrow(conn, table, path) {
  const desc = (await conn.runAndReadAll(`DESCRIBE ${table}`)).getRowObjects();
  const cols = desc.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const dicts = {};
  const select = [];
  for (const c of cols) {
    if (c.type === 'VARCHAR') {
      const values = (await conn.runAndReadAll(`SELECT DISTINCT "${c.name}" FROM ${table} ORDER BY 1`)).getColumns()[0].map(String);
      dicts[c.name] = values;
      select.push(`(list_position([${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}], "${c.name}") - 1)::UTINYINT`);
    } else select.push(c.type === 'BIGINT' ? `"${c.name}"` : `"${c.name}"::DOUBLE`);
  }
  const fields = cols.map((c) => new Field(c.name, c.type === 'VARCHAR' ? new Utf8() : c.type === 'BIGINT' ? new Int64() : new Float64(), true));
  const schema = new Schema(fields);
  const writer = new RecordBatchFileWriter();
  const done = new Promise((resolve, reject) => {
    writer.toNodeStream().pipe(createWriteStream(path)).on('finish', resolve).on('error', reject);
  });
  const result = await conn.stream(`SELECT ${select.join(', ')} FROM ${table}`);
  const bufs = cols.map((c) => (c.type === 'VARCHAR' ? new Uint8Array(BATCH) : c.type === 'BIGINT' ? new BigInt64Array(BATCH) : new Float64Array(BATCH)));
  const valid = cols.map(() => new Uint8Array(BATCH).fill(1));
  const nulls = cols.map(() => 0);
  let fill = 0;
  const flush = () => {
    if (fill === 0) return;
    const children = cols.map((c, k) => columnData(c, fields[k].type, bufs[k], valid[k], nulls[k], fill, dicts[c.name]));
    const data = makeData({ type: new Struct(fields), length: fill, nullCount: 0, children });
    writer.write(new RecordBatch(schema, data));
    fill = 0;
    nulls.fill(0);
    for (const v of valid) v.fill(1);
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    let at = 0;
    const n = chunk.rowCount;
    while (at < n) {
      const take = Math.min(n - at, BATCH - fill);
      for (let k = 0; k < cols.length; k++) {
        const v = chunk.getColumnVector(k);
        const src = items(v);
        bufs[k].set(src.subarray(at, at + take), fill);
        const words = validityWords(v);
        if (words) {
          for (let j = 0; j < take; j++) {
            const i = at + j;
            if (((words[i >>> 5] >>> (i & 31)) & 1) === 0) {
              valid[k][fill + j] = 0;
              nulls[k]++;
            }
          }
        }
      }
      fill += take;
      at += take;
      if (fill === BATCH) flush();
    }
  }
  flush();
  writer.finish();
  await done;
}

function packBits(valid, n) {
  const bits = new Uint8Array(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) if (valid[i]) bits[i >> 3] |= 1 << (i & 7);
  return bits;
}

function columnData(col, type, buf, valid, nullCount, n, dict) {
  const nullBitmap = nullCount ? packBits(valid, n) : undefined;
  if (col.type !== 'VARCHAR') return makeData({ type, length: n, nullCount, nullBitmap, data: buf.slice(0, n) });
  const enc = dict.map((s) => Buffer.from(s, 'utf8'));
  const offsets = new Int32Array(n + 1);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i]) bytes += enc[buf[i]].length;
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0; i < n; i++) if (valid[i]) data.set(enc[buf[i]], offsets[i]);
  return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: offsets, data });
}
