import { describe, expectTypeOf, it } from 'vitest';
import type { ComponentProps } from 'react';
import type { Target, TargetsClient, TargetsStatus, TargetsView } from '@livetargets/core';
import type { TargetsProvider } from './context';
import { useTarget } from './useTarget';
import { useTargets } from './useTargets';
import type { UseTargetsResult } from './useTargets';
import { useTargetsStatus } from './useTargetsStatus';
import type { UseTargetsStatusResult } from './useTargetsStatus';

describe('hook types', () => {
  it('useTargets without a selector returns the result object', () => {
    expectTypeOf(() => useTargets()).returns.toEqualTypeOf<UseTargetsResult>();
    expectTypeOf<UseTargetsResult['targets']>().toEqualTypeOf<readonly Target[]>();
    expectTypeOf<UseTargetsResult['byId']>().toEqualTypeOf<ReadonlyMap<string, Target>>();
    expectTypeOf<UseTargetsResult['status']>().toEqualTypeOf<TargetsStatus>();
    expectTypeOf<UseTargetsResult['refresh']>().returns.toEqualTypeOf<Promise<void>>();
  });

  it('useTargets with a selector returns the selection', () => {
    const count = (view: TargetsView) => view.list.length;
    expectTypeOf(() => useTargets(count)).returns.toEqualTypeOf<number>();
    expectTypeOf(() => useTargets((view) => view.status, (a, b) => a === b)).returns.toEqualTypeOf<TargetsStatus>();
    // @ts-expect-error isEqual must compare two selections of the selector's type
    useTargets(count, (a: string, b: string) => a === b);
  });

  it('useTarget returns a target or undefined', () => {
    expectTypeOf(useTarget).parameters.toEqualTypeOf<[string]>();
    expectTypeOf(useTarget).returns.toEqualTypeOf<Target | undefined>();
  });

  it('useTargetsStatus returns status, error and last event time', () => {
    expectTypeOf(useTargetsStatus).returns.toEqualTypeOf<UseTargetsStatusResult>();
    expectTypeOf<UseTargetsStatusResult['lastEventAt']>().toEqualTypeOf<number | undefined>();
  });

  it('TargetsProvider requires a client', () => {
    expectTypeOf<ComponentProps<typeof TargetsProvider>['client']>().toEqualTypeOf<TargetsClient>();
  });
});
