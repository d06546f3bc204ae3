/** The progress bar: when it may appear (TTY, not CI, not quiet) and that it waits about a second. */
import { describe, expect, it } from 'vitest';
import { createProgress, progressAllowed, progressLine } from '../../src/cli/progress.js';

function fakeStream() {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns: 80, write: (s: string) => writes.push(s) } };
}

describe('progressAllowed', () => {
  const tty = true;
  it.each([
    [{}, {}, tty, true],
    [{}, {}, false, false],
    [{ progress: false }, {}, tty, false],
    [{ quiet: true }, {}, tty, false],
    [{}, { CI: 'true' }, tty, false],
    [{}, { CI: '1' }, tty, false],
    [{}, { CI: 'false' }, tty, true],
    [{}, { TERM: 'dumb' }, tty, false],
    [{}, { MODELGATE_NO_PROGRESS: '1' }, tty, false],
  ])('flags %j env %j tty %s -> %s', (flags, env, isTTY, want) => {
    expect(progressAllowed(flags, env as NodeJS.ProcessEnv, isTTY)).toBe(want);
  });
});

describe('createProgress', () => {
  it('draws nothing during the first second, then at most every 100 ms, and clears the line at the end', () => {
    let t = 0;
    const { writes, stream } = fakeStream();
    const p = createProgress(stream, { label: 'holdout.parquet', now: () => t });
    p.update(10, 100);
    t = 999;
    p.update(20, 100);
    expect(writes).toEqual([]);
    t = 1000;
    p.update(25, 100);
    t = 1050;
    p.update(30, 100); // too soon after the last draw
    t = 1100;
    p.update(50, 100);
    expect(writes).toHaveLength(2);
    // Bar width = 80 columns − label 15 − tail " 25%  0.0 MB / 0.0 MB" 21 − 8 = 36; 25 % of 36 = 9 filled.
    expect(writes[0]).toBe('\rholdout.parquet  [#########...........................]   25%  0.0 MB / 0.0 MB\u001b[K');
    expect(writes[1]).toContain(' 50%');
    p.done();
    expect(writes[2]).toBe('\r\u001b[K');
    p.update(90, 100);
    expect(writes).toHaveLength(3);
  });

  it('a fast read leaves no trace', () => {
    let t = 0;
    const { writes, stream } = fakeStream();
    const p = createProgress(stream, { label: 'x.csv', now: () => t });
    p.update(100, 100);
    t = 300;
    p.done();
    expect(writes).toEqual([]);
  });
});

describe('progressLine', () => {
  it('shows percent and sizes, or bytes read when the size is unknown, within the width', () => {
    const line = progressLine('data.csv', 3 * 1024 * 1024, 12 * 1024 * 1024, 80);
    expect(line).toContain(' 25%  3.0 MB / 12.0 MB');
    expect(line.length).toBeLessThan(80);
    expect(progressLine('data.csv.gz', 5 * 1024 * 1024, null, 80)).toBe('data.csv.gz  5.0 MB read');
    expect(progressLine('a-very-long-file-name.parquet', 1, 2, 30).length).toBeLessThan(30);
  });
});
