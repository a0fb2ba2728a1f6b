/**
 * Polls `check` until it returns a value other than `undefined`/`false`, or
 * throws after `timeoutMs` with `message` and the last value seen.
 *
 * @example
 * ```ts
 * await waitFor(() => client.getSnapshot().status === 'live', { message: 'client live' });
 * ```
 */
export async function waitFor<T>(
  check: () => T | undefined | false,
  { timeoutMs = 5_000, intervalMs = 10, message = 'condition' }: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
