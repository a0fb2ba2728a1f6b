import { hasInjectionContext, inject, provide, type App, type InjectionKey, type Plugin } from 'vue';
import { TargetsError, type TargetsClient } from '@livetargets/core';

/**
 * The part of a client that the composables use: the store (`getSnapshot`,
 * `subscribe`), `getServerSnapshot` for server rendering and `refresh`.
 * Any object of this shape works, not only one made by `createTargetsClient`.
 */
export type TargetsClientSource = Pick<TargetsClient, 'getSnapshot' | 'subscribe' | 'getServerSnapshot' | 'refresh'>;

/** Injection key under which the plugin and `provideTargetsClient` store the client. */
export const TARGETS_CLIENT_KEY: InjectionKey<TargetsClientSource> = Symbol('livetargets.client');

function checkClient(client: unknown, caller: string): TargetsClientSource {
  const shape = client as Partial<TargetsClientSource> | null | undefined;
  const methods = ['getSnapshot', 'subscribe', 'getServerSnapshot', 'refresh'] as const;
  const missing = methods.filter((name) => typeof shape?.[name] !== 'function');
  if (missing.length > 0) {
    throw new TargetsError(
      'invalid-options',
      `[livetargets] ${caller} received a value without ${missing.join(', ')}. Pass the client made by createTargetsClient(...).`,
    );
  }
  return client as TargetsClientSource;
}

/**
 * Makes a Vue plugin that provides `client` to every component of the app.
 *
 * @example
 * ```ts
 * const client = createTargetsClient({ projectId, token });
 * createApp(App).use(createTargetsPlugin(client)).mount('#app');
 * ```
 */
export function createTargetsPlugin(client: TargetsClientSource): Plugin {
  const checked = checkClient(client, 'createTargetsPlugin');
  return {
    install(app: App) {
      app.provide(TARGETS_CLIENT_KEY, checked);
    },
  };
}

/**
 * Provides `client` to the calling component and its descendants. Call it in `setup`.
 *
 * @example
 * ```ts
 * setup() {
 *   provideTargetsClient(client);
 * }
 * ```
 */
export function provideTargetsClient(client: TargetsClientSource): void {
  provide(TARGETS_CLIENT_KEY, checkClient(client, 'provideTargetsClient'));
}

/**
 * Returns the client provided by `createTargetsPlugin` or `provideTargetsClient`.
 * Throws a `TargetsError` when none is provided or when called outside `setup`.
 *
 * @example
 * ```ts
 * const client = useTargetsClient();
 * await client.refresh();
 * ```
 */
export function useTargetsClient(): TargetsClientSource {
  const client = hasInjectionContext() ? inject(TARGETS_CLIENT_KEY, null) : null;
  if (client === null) {
    throw new TargetsError(
      'invalid-options',
      '[livetargets] No targets client is provided. Add app.use(createTargetsPlugin(client)) to the app, ' +
        'or call provideTargetsClient(client) in a parent component, and call the composable inside setup().',
    );
  }
  return client;
}
