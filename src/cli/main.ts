// Placeholder replaced by the CLI entry.
console.log('modelgate');
