/**
 * Reads a configuration file as UTF-8 text, refusing what could hang or exhaust the process before
 * reading a byte: a FIFO or device (`--policy /dev/zero`, a named pipe) and files over the size
 * limit. Invalid UTF-8 is reported at the line and column of the first bad byte.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConfigError, describeFsError, InputFileError } from '../errors.js';

export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

export async function readConfigText(file: string): Promise<{ bytes: Buffer; text: string }> {
  let bytes: Buffer;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not block; fstat then says what it is.
    const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
      if (st.size > MAX_CONFIG_BYTES) {
        throw new ConfigError([{ file, message: `file is ${st.size} bytes; configuration files are limited to ${MAX_CONFIG_BYTES} bytes (10 MiB)` }]);
      }
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOTREG') {
      throw new InputFileError(file, 'not a regular file (a pipe, socket or device); expected a file');
    }
    throw describeFsError(file, err);
  }
  // The file may have grown between fstat and read.
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ file, message: `file is ${bytes.length} bytes; configuration files are limited to ${MAX_CONFIG_BYTES} bytes (10 MiB)` }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = lineColumn(bytes, at);
    throw new ConfigError([{
      file, line, column,
      message: `file is not valid UTF-8 text: byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at} does not start a UTF-8 character`,
      hint: 'save the file as UTF-8 (a Latin-1 or UTF-16 editor setting?)',
    }]);
  }
  return { bytes, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and character column of byte `at` (the text before it is valid UTF-8). */
function lineColumn(b: Buffer, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && i < at; i = b.indexOf(0x0a, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: [...b.toString('utf8', start, at)].length + 1 };
}
