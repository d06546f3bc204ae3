/**
 * Category codes looked up by a field's bytes instead of its decoded text: a small open-addressing
 * table of the byte strings seen so far. A field's code is a function of its text and its text a
 * function of its bytes, so caching by bytes gives the very codes the text path gives; a miss asks
 * the text path (`codeOfText`), which also owns the dictionary order.
 */

const SLOTS = 1024;
/** Entries kept; further distinct values are not cached here (the text path has its own cache). */
const MAX_ENTRIES = SLOTS / 2;
/** Longer values are looked up by text only (keeps the byte pool small). */
const MAX_BYTES = 256;

export class CsvByteCodes {
  private readonly slots = new Int32Array(SLOTS).fill(-1);
  private readonly hashes = new Int32Array(MAX_ENTRIES);
  private readonly starts = new Int32Array(MAX_ENTRIES);
  private readonly lengths = new Int32Array(MAX_ENTRIES);
  private readonly codes = new Int32Array(MAX_ENTRIES);
  private pool = new Uint8Array(4096);
  private poolEnd = 0;
  private count = 0;

  constructor(private readonly codeOfText: (text: string) => number) {}

  /** Code of the non-empty, unescaped field buf[start, end). */
  code(buf: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5 | 0; // FNV-1a
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const len = end - start;
    let slot = h & (SLOTS - 1);
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) break;
      if (this.hashes[k] === h && this.lengths[k] === len && this.same(k, buf, start, len)) return this.codes[k]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    const code = this.codeOfText(buf.toString('utf8', start, end));
    if (this.count < MAX_ENTRIES && len <= MAX_BYTES) this.insert(slot, h, buf, start, len, code);
    return code;
  }

  private same(k: number, buf: Buffer, start: number, len: number): boolean {
    const pool = this.pool;
    const at = this.starts[k]!;
    for (let i = 0; i < len; i++) if (pool[at + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Buffer, start: number, len: number, code: number): void {
    if (this.poolEnd + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolEnd + len));
      bigger.set(this.pool.subarray(0, this.poolEnd));
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, start + len), this.poolEnd);
    const k = this.count++;
    this.hashes[k] = h;
    this.starts[k] = this.poolEnd;
    this.lengths[k] = len;
    this.codes[k] = code;
    this.poolEnd += len;
    this.slots[slot] = k;
  }
}
