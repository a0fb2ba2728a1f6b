import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, onUpdated, ref, watch } from 'vue';
import { mount, type VueWrapper } from '@vue/test-utils';
import { TargetsError, type TargetSnapshot } from '@livetargets/core';
import { createTargetsPlugin } from './context';
import { useTarget, useTargets, useTargetsSelector, useTargetsStatus } from './index';
import { makeEvent, makeTarget } from '@livetargets/test-utils';
import { createFakeClient, type FakeClient } from './testing/fake-client';

const alpha = makeTarget({ target_id: 'a', target_name: 'Alpha' });
const beta = makeTarget({ target_id: 'b', target_name: 'Beta', is_enabled: false });

/** A `target.updated` event carrying `target` as its snapshot. */
const updated = (target: TargetSnapshot) => makeEvent('target.updated', { target });

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/** Runs `setup` inside a mounted component with the client provided, and returns what it returned. */
function withSetup<T>(client: FakeClient, setup: () => T): T {
  let result: T | undefined;
  const Host = defineComponent({
    setup() {
      result = setup();
      return () => h('div');
    },
  });
  mounted.push(mount(Host, { global: { plugins: [createTargetsPlugin(client)] } }));
  return result as T;
}

/** Runs `setup` in a detached effect scope of an app that has the client installed, with no component. */
function inScope<T>(client: FakeClient, setup: () => T) {
  const app = createApp({ render: () => null }).use(createTargetsPlugin(client));
  const scope = effectScope(true);
  const result = app.runWithContext(() => scope.run(setup)) as T;
  return { scope, result };
}

describe('useTargets', () => {
  it('returns the ordered list and map', () => {
    const client = createFakeClient([beta, alpha]);
    const { targets, byId, status, error } = withSetup(client, () => useTargets());
    expect(targets.value.map((target) => target.target_id)).toEqual(['a', 'b']);
    expect(byId.value.get('b')?.target_name).toBe('Beta');
    expect(status.value).toBe('connecting');
    expect(error.value).toBeUndefined();
  });

  it('follows events and status changes', () => {
    const client = createFakeClient([alpha]);
    const { targets, byId, status, error } = withSetup(client, () => useTargets());
    client.apply(updated({ ...alpha, target_name: 'Alpha 2' }));
    expect(targets.value[0]?.target_name).toBe('Alpha 2');
    expect(byId.value.get('a')?.target_name).toBe('Alpha 2');

    const failure = new TargetsError('connection-failed', 'lost');
    client.setStatus('reconnecting', failure);
    expect(status.value).toBe('reconnecting');
    expect(error.value).toBe(failure);
  });

  it('keeps the core objects unwrapped', () => {
    const client = createFakeClient([alpha]);
    const { targets, byId } = withSetup(client, () => useTargets());
    expect(targets.value).toBe(client.getSnapshot().list);
    expect(byId.value).toBe(client.getSnapshot().targets);
  });

  it('refresh calls the client', async () => {
    const client = createFakeClient();
    const { refresh } = withSetup(client, () => useTargets());
    await refresh();
    expect(client.refreshCalls()).toBe(1);
  });

  it('renders once per event', async () => {
    const client = createFakeClient([alpha, beta]);
    const renders = vi.fn();
    const updates = vi.fn();
    const List = defineComponent({
      setup() {
        const { targets, status } = useTargets();
        onUpdated(updates);
        return () => {
          renders();
          return h('ul', { 'data-status': status.value }, targets.value.map((target) => h('li', target.target_name)));
        };
      },
    });
    const wrapper = mount(List, { global: { plugins: [createTargetsPlugin(client)] } });
    mounted.push(wrapper);
    expect(renders).toHaveBeenCalledTimes(1);

    for (let index = 1; index <= 3; index += 1) {
      client.apply(updated({ ...alpha, target_name: `Alpha ${index}` }));
      await nextTick();
      expect(wrapper.findAll('li')[0]?.text()).toBe(`Alpha ${index}`);
      expect(updates).toHaveBeenCalledTimes(index);
    }
    expect(renders).toHaveBeenCalledTimes(4);
  });

  it('skips renders for unread changes', async () => {
    const client = createFakeClient([alpha]);
    const renders = vi.fn();
    const Badge = defineComponent({
      setup() {
        const status = useTargetsStatus();
        return () => {
          renders();
          return h('span', status.value);
        };
      },
    });
    const wrapper = mount(Badge, { global: { plugins: [createTargetsPlugin(client)] } });
    mounted.push(wrapper);
    client.apply(updated({ ...alpha, target_name: 'Renamed' }));
    await nextTick();
    expect(renders).toHaveBeenCalledTimes(1);

    client.setStatus('live');
    await nextTick();
    expect(wrapper.text()).toBe('live');
    expect(renders).toHaveBeenCalledTimes(2);
  });
});

describe('useTargetsStatus', () => {
  it('follows the status', () => {
    const client = createFakeClient();
    const status = withSetup(client, () => useTargetsStatus());
    expect(status.value).toBe('connecting');
    client.setStatus('live');
    expect(status.value).toBe('live');
  });
});

describe('useTargetsSelector', () => {
  it('derives a value', () => {
    const client = createFakeClient([alpha, beta]);
    const enabled = withSetup(client, () => useTargetsSelector((view) => view.list.filter((t) => t.is_enabled).length));
    expect(enabled.value).toBe(1);
    client.apply(updated({ ...beta, is_enabled: true }));
    expect(enabled.value).toBe(2);
  });

  it('keeps the previous value when equal', async () => {
    const client = createFakeClient([alpha, beta]);
    const onChange = vi.fn();
    const ids = withSetup(client, () => {
      const selected = useTargetsSelector(
        (view) => view.list.map((target) => target.target_id),
        (previous, next) => previous.join() === next.join(),
      );
      watch(selected, onChange);
      return selected;
    });
    const first = ids.value;
    client.apply(updated({ ...alpha, target_name: 'Aardvark' }));
    await nextTick();
    expect(ids.value).toBe(first);
    expect(onChange).not.toHaveBeenCalled();

    client.apply(updated({ ...alpha, target_name: 'Zulu' }));
    await nextTick();
    expect(ids.value).toEqual(['b', 'a']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('tracks refs read in select', () => {
    const client = createFakeClient([alpha, beta]);
    const search = ref('al');
    const names = withSetup(client, () =>
      useTargetsSelector((view) => view.list.filter((t) => t.target_name.toLowerCase().includes(search.value)).length),
    );
    expect(names.value).toBe(1);
    search.value = 'a';
    expect(names.value).toBe(2);
  });
});

describe('useTarget', () => {
  it('reads a plain id', () => {
    const client = createFakeClient([alpha, beta]);
    const target = withSetup(client, () => useTarget('b'));
    expect(target.value?.target_name).toBe('Beta');
  });

  it('is undefined for a missing id', () => {
    const client = createFakeClient([alpha]);
    const target = withSetup(client, () => useTarget('missing'));
    expect(target.value).toBeUndefined();
    client.apply(makeEvent('target.added', { target: { target_id: 'missing', target_name: 'Late' } }));
    expect(target.value?.target_name).toBe('Late');
  });

  it('follows a ref id', () => {
    const client = createFakeClient([alpha, beta]);
    const id = ref<string | undefined>('a');
    const target = withSetup(client, () => useTarget(id));
    expect(target.value?.target_name).toBe('Alpha');
    id.value = 'b';
    expect(target.value?.target_name).toBe('Beta');
    id.value = undefined;
    expect(target.value).toBeUndefined();
  });

  it('follows a getter id in a component', async () => {
    const client = createFakeClient([alpha, beta]);
    const Row = defineComponent({
      props: { id: { type: String, required: true } },
      setup(props) {
        const target = useTarget(() => props.id);
        return () => h('span', target.value?.target_name ?? 'none');
      },
    });
    const wrapper = mount(Row, { props: { id: 'a' }, global: { plugins: [createTargetsPlugin(client)] } });
    mounted.push(wrapper);
    expect(wrapper.text()).toBe('Alpha');
    await wrapper.setProps({ id: 'b' });
    expect(wrapper.text()).toBe('Beta');
    client.apply(updated({ ...beta, target_name: 'Beta 2' }));
    await nextTick();
    expect(wrapper.text()).toBe('Beta 2');
  });

  it('ignores changes to other targets', async () => {
    const client = createFakeClient([alpha, beta]);
    const onChange = vi.fn();
    withSetup(client, () => watch(useTarget('a'), onChange));
    client.apply(updated({ ...beta, target_name: 'Beta 2' }));
    await nextTick();
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('disposal', () => {
  it('effectScope stop removes listeners', () => {
    const client = createFakeClient([alpha]);
    const { scope, result } = inScope(client, () => {
      useTargets();
      useTarget('a');
      useTargetsStatus();
      return useTargetsSelector((view) => view.list.length);
    });
    const countBefore = client.listenerCount();
    expect(countBefore).toBe(4);
    scope.stop();
    expect(client.listenerCount()).toBe(0);
    client.apply(updated({ ...alpha, target_name: 'After stop' }));
    expect(result.value).toBe(1);
  });

  it('unmount removes listeners', () => {
    const client = createFakeClient([alpha]);
    const List = defineComponent({
      setup() {
        const { targets } = useTargets();
        const status = useTargetsStatus();
        return () => h('p', `${status.value} ${targets.value.length}`);
      },
    });
    const wrapper = mount(List, { global: { plugins: [createTargetsPlugin(client)] } });
    expect(client.listenerCount()).toBe(2);
    wrapper.unmount();
    expect(client.listenerCount()).toBe(0);
  });
});
