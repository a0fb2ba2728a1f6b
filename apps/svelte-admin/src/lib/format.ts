/** Formats epoch milliseconds as a local time of day, in the browser's locale. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}
