/**
 * Preloaded (--import) into the processes the widget benchmark measures: SIGUSR2 runs a full garbage
 * collection (node --expose-gc), so the resident size read afterwards is live memory, not garbage.
 */
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
});
