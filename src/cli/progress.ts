/**
 * The dataset-read progress bar (DESIGN §3): stderr only, only on an interactive terminal, never in
 * CI, never with -q or --no-progress, and only once a read has taken more than about a second, so
 * fast runs and logs stay clean. The data layer calls `update(bytesRead, totalBytes)` as it reads;
 * everything else (when to draw, how often, clearing the line) is decided here.
 */

export interface Progress {
  /** Bytes read so far and the file's size (null when unknown, e.g. a .gz stream). Cheap to call often. */
  update(bytesRead: number, totalBytes: number | null): void;
  /** Clears the bar (if one was drawn) so the report starts on a clean line. */
  done(): void;
}

/** A Progress that does nothing (non-interactive runs, tests, library use). */
export const NO_PROGRESS: Progress = { update() {}, done() {} };

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  /** What is being read, e.g. the dataset's file name. */
  label: string;
  /** What `update` counts: bytes (default) or rows. */
  unit?: 'bytes' | 'rows';
  /** Nothing is drawn before this many milliseconds have passed since creation. */
  delayMs?: number;
  /** Minimum milliseconds between redraws. */
  intervalMs?: number;
  now?: () => number;
}

/** Whether a bar may be shown: `--no-progress` (flag false), -q, CI and non-TTY stderr all say no. */
export function progressAllowed(flags: { progress?: boolean; quiet?: boolean }, env: NodeJS.ProcessEnv, stderrIsTTY: boolean): boolean {
  if (flags.progress === false || flags.quiet) return false;
  if (/^(1|true|yes)$/i.test(env.MODELGATE_NO_PROGRESS ?? '')) return false;
  // CI=true is set by GitHub Actions, GitLab, CircleCI, Travis, Buildkite...; some use CI=1.
  if (env.CI !== undefined && env.CI !== '' && !/^(0|false)$/i.test(env.CI)) return false;
  if (env.TERM === 'dumb') return false;
  return stderrIsTTY;
}

const MB = 1024 * 1024;
const fmtUnitBytes = (n: number) => (n >= 1024 * MB ? `${(n / (1024 * MB)).toFixed(2)} GB` : `${(n / MB).toFixed(1)} MB`);
const fmtRows = (n: number) => `${n.toLocaleString('en-US')} rows`;

/** One line of the bar, fitted to `width` columns. Exported for tests. */
export function progressLine(label: string, read: number, total: number | null, width: number, unit: 'bytes' | 'rows' = 'bytes'): string {
  const fmtBytes = unit === 'rows' ? fmtRows : fmtUnitBytes;
  if (total === null || total <= 0) return `${label}  ${fmtBytes(read)} read`.slice(0, width - 1);
  const frac = Math.min(1, Math.max(0, read / total));
  const tail = `${String(Math.floor(frac * 100)).padStart(3)}%  ${fmtBytes(read)} / ${fmtBytes(total)}`;
  const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 8));
  const filled = Math.round(frac * barWidth);
  const line = `${label}  [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]  ${tail}`;
  return line.length < width ? line : line.slice(0, Math.max(0, width - 1));
}

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  let finished = false;
  return {
    update(read, total) {
      if (finished) return;
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      drawn = true;
      stream.write(`\r${progressLine(options.label, read, total, stream.columns || 80, options.unit ?? 'bytes')}\u001b[K`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
