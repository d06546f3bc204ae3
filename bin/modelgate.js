#!/usr/bin/env node
// Signal handlers first (a Ctrl-C while the CLI loads still ends in 130), then the CLI itself.
await import('../dist/cli/interrupt.js');
await import('../dist/cli/main.js');
