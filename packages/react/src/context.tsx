import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { TargetsError } from '@livetargets/core';
import type { TargetsClient } from '@livetargets/core';

const TargetsContext = createContext<TargetsClient | null>(null);
TargetsContext.displayName = 'TargetsContext';

/** Props of `TargetsProvider`. */
export interface TargetsProviderProps {
  /** The client the hooks below read, made by `createTargetsClient`. The provider never destroys it. */
  readonly client: TargetsClient;
  readonly children?: ReactNode;
}

/**
 * Makes a targets client available to the hooks in its subtree. The socket
 * opens when the first hook subscribes and closes a grace period after the
 * last one unmounts; the provider does not call `client.destroy()`.
 *
 * @example
 * ```tsx
 * const client = createTargetsClient({ projectId, token });
 *
 * createRoot(element).render(
 *   <TargetsProvider client={client}>
 *     <App />
 *   </TargetsProvider>,
 * );
 * ```
 */
export function TargetsProvider({ client, children }: TargetsProviderProps): ReactNode {
  return <TargetsContext.Provider value={client}>{children}</TargetsContext.Provider>;
}

/**
 * Returns the client of the nearest `TargetsProvider`, for what the hooks do
 * not cover (`events$`, `errors$`, `getStats()`).
 *
 * @example
 * ```tsx
 * const client = useTargetsClient();
 * useEffect(() => {
 *   const subscription = client.errors$.subscribe(showError);
 *   return () => subscription.unsubscribe();
 * }, [client]);
 * ```
 */
export function useTargetsClient(): TargetsClient {
  const client = useContext(TargetsContext);
  if (client === null) {
    throw new TargetsError(
      'invalid-options',
      '[livetargets] A livetargets hook was called outside a TargetsProvider. Wrap the tree in <TargetsProvider client={...}>.',
    );
  }
  return client;
}
