import { describe, expectTypeOf, it } from 'vitest';
import { ref, type ComputedRef } from 'vue';
import type { Target, TargetsClient, TargetsError, TargetsStatus } from '@livetargets/core';
import {
  createTargetsPlugin,
  provideTargetsClient,
  useTarget,
  useTargets,
  useTargetsClient,
  useTargetsSelector,
  useTargetsStatus,
  type UseTargetsResult,
} from './index';

describe('types', () => {
  it('useTargets returns read-only refs', () => {
    const result = useTargets();
    expectTypeOf(result).toEqualTypeOf<UseTargetsResult>();
    expectTypeOf(result.targets).toEqualTypeOf<ComputedRef<readonly Target[]>>();
    expectTypeOf(result.byId.value).toEqualTypeOf<ReadonlyMap<string, Target>>();
    expectTypeOf(result.status.value).toEqualTypeOf<TargetsStatus>();
    expectTypeOf(result.error.value).toEqualTypeOf<TargetsError | undefined>();
    expectTypeOf(result.refresh).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error a computed ref has no setter
    result.targets.value = [];
  });

  it('useTarget accepts values, refs and getters', () => {
    expectTypeOf(useTarget('id')).toEqualTypeOf<ComputedRef<Target | undefined>>();
    expectTypeOf(useTarget(ref<string | undefined>('id'))).toEqualTypeOf<ComputedRef<Target | undefined>>();
    expectTypeOf(useTarget(() => 'id')).toEqualTypeOf<ComputedRef<Target | undefined>>();
    // @ts-expect-error ids are strings
    useTarget(42);
  });

  it('useTargetsSelector infers the selected type', () => {
    const count = useTargetsSelector((view) => view.list.length);
    expectTypeOf(count).toEqualTypeOf<ComputedRef<number>>();
    const names = useTargetsSelector(
      (view) => view.list.map((target) => target.target_name),
      (previous, next) => {
        expectTypeOf(previous).toEqualTypeOf<string[]>();
        return previous.join() === next.join();
      },
    );
    expectTypeOf(names.value).toEqualTypeOf<string[]>();
  });

  it('useTargetsStatus returns the status', () => {
    expectTypeOf(useTargetsStatus()).toEqualTypeOf<ComputedRef<TargetsStatus>>();
  });

  it('accepts any client of the right shape', () => {
    const client = {} as TargetsClient;
    expectTypeOf(createTargetsPlugin).toBeCallableWith(client);
    expectTypeOf(provideTargetsClient).toBeCallableWith(client);
    expectTypeOf(useTargetsClient().refresh).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error a store without getServerSnapshot and refresh is not enough
    createTargetsPlugin({ getSnapshot: client.getSnapshot, subscribe: client.subscribe });
  });
});
