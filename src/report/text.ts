/**
 * Plain-text helpers for the terminal: neutralise control characters in user strings (a group
 * value from a dataset must not be able to move the cursor or recolour the terminal), measure the
 * columns a string occupies, and pad/truncate to a width.
 */

// C0 except \n, DEL, C1, and the bidi overrides that can make text display in another order.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Makes a user string safe for one terminal line: control characters become visible pictures. */
export function sanitizeLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, controlPicture);
}

/** As sanitizeLine, but keeps line breaks (for multi-line messages). */
export function sanitizeText(s: string): string {
  return s.replace(/\r\n|\r/g, '\n').replace(CONTROL, controlPicture);
}

function controlPicture(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code); // ␀..␟, ESC shows as ␛
  if (code === 0x7f) return '␡';
  return '\ufffd';
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Terminal columns of a string: wide East Asian and emoji count 2, combining marks 0. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

function charWidth(cp: number): number {
  if (cp === 0x200b || cp === 0x200d || cp === 0xfe0f || cp === 0xfe0e) return 0;
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

/** Cuts a plain (uncoloured) string to at most `width` columns, ending in an ellipsis when cut. */
export function truncate(s: string, width: number, ellipsis = '…'): string {
  if (displayWidth(s) <= width) return s;
  const room = width - displayWidth(ellipsis);
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return out + ellipsis;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

export type Align = 'left' | 'right';

/**
 * Lays out rows of cells in aligned columns. Cells may carry colour codes: widths are measured
 * without them. The last column is not padded (no trailing spaces).
 */
export function columns(rows: string[][], align: Align[] = [], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((row) =>
    row
      .map((c, i) => {
        if (i === row.length - 1 && align[i] !== 'right') return c;
        return align[i] === 'right' ? padStart(c, widths[i]) : padEnd(c, widths[i]);
      })
      .join(gap)
      .replace(/\s+$/, ''),
  );
}

/**
 * Word-wraps one plain line to `width` columns (null: no wrapping). Words longer than the width
 * (paths, URLs) stay whole on their own line rather than being cut.
 */
export function wrap(line: string, width: number | null): string[] {
  if (width === null || width < 20 || displayWidth(line) <= width) return line ? [line] : [];
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (!word) continue;
    if (cur && displayWidth(cur) + 1 + displayWidth(word) > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}
