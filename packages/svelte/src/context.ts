import { TargetsError, type TargetsClient } from '@livetargets/core';
import { getContext, hasContext, setContext } from 'svelte';
import { assertTargetsStore } from './stores';

const CLIENT_KEY = Symbol.for('livetargets.svelte.client');

/**
 * Makes `client` available to `getTargetsClient()` in this component and every
 * component below it. Call it while the component initializes, in a layout or
 * root component.
 *
 * @returns the same client, for chaining.
 * @throws TargetsError with code `invalid-options` when `client` lacks `getSnapshot` or `subscribe`.
 * @example
 * ```svelte
 * <script>
 *   import { createTargetsClient } from '@livetargets/core';
 *   import { setTargetsClient } from '@livetargets/svelte';
 *   const client = setTargetsClient(createTargetsClient({ projectId, token }));
 * </script>
 * ```
 */
export function setTargetsClient<Client extends TargetsClient>(client: Client): Client {
  assertTargetsStore(client, 'setTargetsClient()');
  setContext(CLIENT_KEY, client);
  return client;
}

/**
 * Returns the client that a parent component passed to `setTargetsClient()`.
 * Call it while the component initializes.
 *
 * @throws TargetsError with code `invalid-options` when no parent component set a client.
 * @example
 * ```svelte
 * <script>
 *   import { getTargetsClient, targetsStore } from '@livetargets/svelte';
 *   const targets = targetsStore(getTargetsClient());
 * </script>
 * ```
 */
export function getTargetsClient(): TargetsClient {
  if (!hasContext(CLIENT_KEY)) {
    throw new TargetsError(
      'invalid-options',
      '[livetargets] getTargetsClient() found no targets client in the component context. Call setTargetsClient(createTargetsClient({ ... })) in a parent component or layout.',
    );
  }
  return getContext<TargetsClient>(CLIENT_KEY);
}
