/** One bad input: how to make it from the good base, how to run it, and what the message must say. */
export interface Case {
  name: string;
  /** Turns a copy of the good base (test/hardening/base.ts) into the bad input. */
  setup(dir: string): void | Promise<void>;
  /** Arguments after `check` (default: `--config modelgate.yaml`); `--json out.json` is always added. */
  args?: string[];
  /**
   * Must match the CLI's stdout + stderr: the file, the place (line:column, row, column name, key
   * path or byte offset) and what was expected. Written by hand from the input, never from output.
   */
  expect: RegExp;
  /** Run as an unprivileged user (permission cases; root reads mode-000 files). */
  unprivileged?: boolean;
}

/** A policy that replaces the demo's, extending the local default: line 3 is the first line after `extends`. */
export const POLICY_HEAD = 'apiVersion: modelgate/v1\nextends: [./default.yaml]\n';
