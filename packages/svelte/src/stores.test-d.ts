import type { Target, TargetsClient, TargetsStatus, TargetsStore, TargetsView } from '@livetargets/core';
import { derived, type Readable } from 'svelte/store';
import { describe, expectTypeOf, it } from 'vitest';
import {
  getTargetsClient,
  setTargetsClient,
  statusStore,
  targetStore,
  targetsStore,
  type TargetsStoreValue,
} from './index';

declare const client: TargetsClient;

describe('store types', () => {
  it('types the targets store value', () => {
    expectTypeOf(targetsStore(client)).toEqualTypeOf<Readable<TargetsStoreValue>>();
    expectTypeOf<TargetsStoreValue['targets']>().toEqualTypeOf<readonly Target[]>();
    expectTypeOf<TargetsStoreValue['byId']>().toEqualTypeOf<ReadonlyMap<string, Target>>();
    expectTypeOf<TargetsStoreValue['status']>().toEqualTypeOf<TargetsStatus>();
    expectTypeOf<TargetsStoreValue['view']>().toEqualTypeOf<TargetsView>();
  });

  it('types one target as possibly undefined', () => {
    expectTypeOf(targetStore(client, 'id')).toEqualTypeOf<Readable<Target | undefined>>();
    expectTypeOf(statusStore(client)).toEqualTypeOf<Readable<TargetsStatus>>();
  });

  it('returns a plain unsubscribe function', () => {
    expectTypeOf(targetsStore(client).subscribe(() => {})).toEqualTypeOf<() => void>();
  });

  it('accepts any object of the store shape', () => {
    const shape: TargetsStore = { getSnapshot: () => client.getSnapshot(), subscribe: () => () => {} };
    expectTypeOf(targetsStore).toBeCallableWith(shape);
    // @ts-expect-error a store needs `subscribe` next to `getSnapshot`
    targetsStore({ getSnapshot: () => client.getSnapshot() });
    // @ts-expect-error the target id is a string
    targetStore(client, 1);
  });

  it('derives filtered lists', () => {
    const enabled = derived(targetsStore(client), ($targets) => $targets.targets.filter((target) => target.is_enabled));
    expectTypeOf(enabled).toEqualTypeOf<Readable<Target[]>>();
  });

  it('keeps the client type through the context', () => {
    expectTypeOf(setTargetsClient(client)).toEqualTypeOf<TargetsClient>();
    expectTypeOf(getTargetsClient()).toEqualTypeOf<TargetsClient>();
  });
});
