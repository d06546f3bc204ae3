/** The CheckIO of check unit tests: no files, no git. Checks that need I/O get their own fakes. */
import type { CheckIO } from '../../src/checks/types.js';

export const NO_IO: CheckIO = {
  sha256File: async () => ({ ok: false, message: 'no io in tests' }),
  git: async () => ({ exitCode: 1, stdout: '', stderr: '' }),
  resolve: (_from, p) => p,
  fileExists: async () => false,
  readColumn: async () => [],
};
