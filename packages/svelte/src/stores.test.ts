import { render, screen } from '@testing-library/svelte';
import { derived, get, writable } from 'svelte/store';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { filterTargets, isTargetsError, type Target, type TargetsStore } from '@livetargets/core';
import { createFakeStore, snapshot, updatedEvent } from './__fixtures__/fake-client';
import LegacyTargets from './__fixtures__/LegacyTargets.svelte';
import RunesTargets from './__fixtures__/RunesTargets.svelte';
import { statusStore, targetStore, targetsStore, type TargetsStoreValue } from './index';

describe('targetsStore', () => {
  it('calls the subscriber synchronously with the current value', () => {
    const client = createFakeStore([snapshot('a', 'Alpha'), snapshot('b', 'Beta')]);
    const store = targetsStore(client);
    const values: TargetsStoreValue[] = [];

    const unsubscribe = store.subscribe((value) => values.push(value));

    expect(values).toHaveLength(1);
    const first = values[0]!;
    expect(first.targets.map((target) => target.target_name)).toEqual(['Alpha', 'Beta']);
    expect(first.byId.get('a')?.target_name).toBe('Alpha');
    expect(first.status).toBe('live');
    expect(first.error).toBeUndefined();
    expect(first.view).toBe(client.getSnapshot());
    unsubscribe();
  });

  it('returns a plain unsubscribe function', () => {
    const client = createFakeStore();
    const unsubscribe = targetsStore(client).subscribe(() => {});

    expect(typeof unsubscribe).toBe('function');
    expect(unsubscribe).not.toHaveProperty('closed');
    expect(unsubscribe()).toBeUndefined();
  });

  it('keeps one client subscription', () => {
    const client = createFakeStore();
    const store = targetsStore(client);

    const first = store.subscribe(() => {});
    const second = store.subscribe(() => {});
    expect(client.listenerCount()).toBe(1);

    first();
    expect(client.listenerCount()).toBe(1);
    second();
    expect(client.listenerCount()).toBe(0);
  });

  it('releases the client after 100 subscribe cycles', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    const store = targetsStore(client);

    for (let cycle = 0; cycle < 100; cycle += 1) {
      const unsubscribe = store.subscribe(() => {});
      expect(client.listenerCount()).toBe(1);
      unsubscribe();
    }

    expect(client.listenerCount()).toBe(0);
  });

  it('emits once per view change', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    const values: TargetsStoreValue[] = [];
    const unsubscribe = targetsStore(client).subscribe((value) => values.push(value));

    client.apply(updatedEvent(snapshot('b', 'Beta'), 'target.added'));
    client.setStatus('reconnecting');

    expect(values.map((value) => value.targets.length)).toEqual([1, 2, 2]);
    expect(values.map((value) => value.status)).toEqual(['live', 'live', 'reconnecting']);
    unsubscribe();
  });

  it('reads the current view on resubscribe', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    const store = targetsStore(client);
    store.subscribe(() => {})();

    client.apply(updatedEvent(snapshot('a', 'Alpha renamed')));

    expect(get(store).targets[0]?.target_name).toBe('Alpha renamed');
  });

  it('reads a change made by subscribing', () => {
    const fake = createFakeStore();
    fake.setStatus('idle');
    // Like the core client, this store starts connecting when its first listener arrives.
    const lazy: TargetsStore = {
      getSnapshot: fake.getSnapshot,
      subscribe(listener) {
        fake.setStatus('connecting');
        return fake.subscribe(listener);
      },
    };
    const values: string[] = [];

    const unsubscribe = targetsStore(lazy).subscribe((value) => values.push(value.status));

    expect(values).toEqual(['connecting']);
    unsubscribe();
  });

  it('rejects a value without the store functions', () => {
    const call = () => targetsStore({ subscribe: 1 } as unknown as TargetsStore);

    expect(call).toThrow(/\[livetargets\] targetsStore\(\) expected a targets client/);
    try {
      call();
    } catch (error) {
      expect(isTargetsError(error)).toBe(true);
    }
  });
});

describe('targetStore', () => {
  it('emits only when its target changes', () => {
    const client = createFakeStore([snapshot('a', 'Alpha'), snapshot('b', 'Beta')]);
    const values: (Target | undefined)[] = [];
    const unsubscribe = targetStore(client, 'a').subscribe((value) => values.push(value));

    client.apply(updatedEvent(snapshot('b', 'Beta renamed')));
    client.setStatus('reconnecting');
    expect(values.map((value) => value?.target_name)).toEqual(['Alpha']);

    client.apply(updatedEvent(snapshot('a', 'Alpha renamed')));
    expect(values.map((value) => value?.target_name)).toEqual(['Alpha', 'Alpha renamed']);
    unsubscribe();
  });

  it('ignores a reconcile without changes', () => {
    const alpha = snapshot('a', 'Alpha', { plan_count: 2 });
    const client = createFakeStore([alpha]);
    const values: (Target | undefined)[] = [];
    const unsubscribe = targetStore(client, 'a').subscribe((value) => values.push(value));

    client.reconcile([alpha, snapshot('b', 'Beta')]);
    expect(values).toHaveLength(1);

    client.reconcile([{ ...alpha, plan_count: 3 }]);
    expect(values).toHaveLength(2);
    expect(values[1]?.plan_count).toBe(3);

    client.reconcile([]);
    expect(values).toHaveLength(3);
    expect(values[2]).toBeUndefined();
    unsubscribe();
  });

  it('is undefined for a missing target', () => {
    const client = createFakeStore();
    const values: (Target | undefined)[] = [];
    const unsubscribe = targetStore(client, 'later').subscribe((value) => values.push(value));

    client.apply(updatedEvent(snapshot('later', 'Later'), 'target.added'));

    expect(values).toHaveLength(2);
    expect(values[0]).toBeUndefined();
    expect(values[1]?.target_name).toBe('Later');
    unsubscribe();
  });

  it('rejects a non-string id', () => {
    const client = createFakeStore();

    expect(() => targetStore(client, 42 as unknown as string)).toThrow(/expected a target_id string/);
  });
});

describe('statusStore', () => {
  it('emits only status changes', () => {
    const client = createFakeStore();
    const values: string[] = [];
    const unsubscribe = statusStore(client).subscribe((value) => values.push(value));

    client.apply(updatedEvent(snapshot('a', 'Alpha'), 'target.added'));
    client.setStatus('reconnecting');
    client.setStatus('reconnecting');
    client.setStatus('live');

    expect(values).toEqual(['live', 'reconnecting', 'live']);
    unsubscribe();
    expect(client.listenerCount()).toBe(0);
  });
});

describe('derived filters', () => {
  it('filters with svelte derived', () => {
    const client = createFakeStore([
      snapshot('a', 'Alpha', { is_enabled: true }),
      snapshot('b', 'Beta', { is_enabled: false }),
    ]);
    const enabled = derived(targetsStore(client), ($targets) => filterTargets($targets.targets, { enabled: true }));
    const values: string[][] = [];
    const unsubscribe = enabled.subscribe((list) => values.push(list.map((target) => target.target_name)));

    client.apply(updatedEvent(snapshot('c', 'Gamma', { is_enabled: true }), 'target.added'));
    client.apply(updatedEvent(snapshot('a', 'Alpha', { is_enabled: false })));

    expect(values).toEqual([['Alpha'], ['Alpha', 'Gamma'], ['Gamma']]);
    unsubscribe();
    expect(client.listenerCount()).toBe(0);
  });

  it('filters by search with svelte derived', () => {
    const client = createFakeStore([snapshot('a', 'Alpha'), snapshot('b', 'Beta'), snapshot('c', 'Alphabet')]);
    const search = writable('alpha');
    const matches = derived([targetsStore(client), search], ([$targets, $search]) =>
      filterTargets($targets.targets, { search: $search }).map((target) => target.target_name),
    );
    const values: string[][] = [];
    const unsubscribe = matches.subscribe((names) => values.push(names));

    search.set('bet');

    expect(values).toEqual([['Alpha', 'Alphabet'], ['Alphabet', 'Beta']]);
    unsubscribe();
  });
});

describe('components', () => {
  it('updates a runes component', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    render(RunesTargets, { client });

    expect(screen.getByTestId('count').textContent).toBe('1');
    client.apply(updatedEvent(snapshot('b', 'Beta'), 'target.added'));
    flushSync();

    expect(screen.getByTestId('count').textContent).toBe('2');
    expect(screen.getByText('Beta')).toBeTruthy();
  });

  it('updates a legacy component', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    render(LegacyTargets, { client });

    client.apply(updatedEvent(snapshot('a', 'Alpha renamed')));
    client.setStatus('reconnecting');
    flushSync();

    expect(screen.getByText('Alpha renamed')).toBeTruthy();
    expect(screen.getByTestId('status').textContent).toBe('reconnecting');
  });

  it('releases the client after 100 mount cycles', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);

    for (let cycle = 0; cycle < 100; cycle += 1) {
      const runes = render(RunesTargets, { client });
      const legacy = render(LegacyTargets, { client });
      expect(client.listenerCount()).toBe(3);
      runes.unmount();
      legacy.unmount();
    }

    expect(client.listenerCount()).toBe(0);
  });
});
