import {
  getCurrentScope,
  hasInjectionContext,
  inject,
  onScopeDispose,
  shallowRef,
  ssrContextKey,
  type ShallowRef,
} from 'vue';
import type { TargetsView } from '@livetargets/core';
import { useTargetsClient } from './context';

function isServerRendering(): boolean {
  return hasInjectionContext() && inject(ssrContextKey, null) !== null;
}

/**
 * Returns a shallow ref of the client's current view. While Vue renders on the
 * server it reads `getServerSnapshot()` and does not subscribe, because the
 * server never runs unmount hooks that would unsubscribe.
 */
export function useView(): Readonly<ShallowRef<TargetsView>> {
  const client = useTargetsClient();
  if (isServerRendering()) return shallowRef(client.getServerSnapshot());

  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' && !getCurrentScope()) {
    console.warn('[livetargets] A targets composable was called outside a component or effectScope, so its subscription never ends.');
  }
  const view = shallowRef(client.getSnapshot());
  const unsubscribe = client.subscribe(() => {
    view.value = client.getSnapshot();
  });
  // A change published between the first read and the subscription would otherwise be missed.
  view.value = client.getSnapshot();
  if (getCurrentScope()) onScopeDispose(unsubscribe);
  return view;
}
