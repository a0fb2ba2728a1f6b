import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, onUpdated, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createTargetsClient, type TargetsClient } from '@livetargets/core';
import { startGateway, type Gateway } from '@livetargets/gateway-sim';
import { waitFor } from '@livetargets/test-utils';
import { createTargetsPlugin } from './context';
import { useTarget, useTargets, useTargetsStatus } from './index';

let gateway: Gateway;
let client: TargetsClient;

beforeEach(async () => {
  gateway = await startGateway({ port: 0, targets: 6, seed: 7 });
  client = createTargetsClient({
    url: gateway.url,
    apiUrl: gateway.apiUrl,
    projectId: gateway.projectId,
    token: gateway.token,
    publish: 'sync',
    graceMs: 20,
  });
});

afterEach(async () => {
  client.destroy();
  await gateway.close();
});

describe('with the gateway simulator', () => {
  it('lists the gateway targets', async () => {
    const List = defineComponent({
      setup() {
        const { targets, status } = useTargets();
        return () => h('ul', { 'data-status': status.value }, targets.value.map((t) => h('li', t.target_name)));
      },
    });
    const wrapper = mount(List, { global: { plugins: [createTargetsPlugin(client)] } });
    await waitFor(() => wrapper.attributes('data-status') === 'live', { message: 'status live' });
    await nextTick();

    const expected = gateway.listTargets().map((target) => target.target_name);
    // The default sort compares UTF-16 code units, as the client's list order does.
    expected.sort();
    expect(wrapper.findAll('li').map((item) => item.text())).toEqual(expected);
    wrapper.unmount();
  });

  it('renders once per event', async () => {
    const renders = { count: 0 };
    let updates = 0;
    const List = defineComponent({
      setup() {
        const { targets } = useTargets();
        onUpdated(() => {
          updates += 1;
        });
        return () => {
          renders.count += 1;
          return h('ul', targets.value.map((t) => h('li', { 'data-id': t.target_id }, t.target_name)));
        };
      },
    });
    const wrapper = mount(List, { global: { plugins: [createTargetsPlugin(client)] } });
    await waitFor(() => client.getSnapshot().status === 'live', { message: 'status live' });
    await nextTick();

    const [first] = gateway.listTargets();
    for (let index = 1; index <= 3; index += 1) {
      const rendersBefore = renders.count;
      const updatesBefore = updates;
      const name = `Renamed ${index}`;
      gateway.updateTarget(first!.target_id, { target_name: name });
      await waitFor(() => wrapper.find(`[data-id="${first!.target_id}"]`).text() === name, { message: name });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(renders.count - rendersBefore).toBe(1);
      expect(updates - updatesBefore).toBe(1);
    }
    wrapper.unmount();
  });

  it('follows a reactive id', async () => {
    const [first, second] = gateway.listTargets();
    const id = ref(first!.target_id);
    const Row = defineComponent({
      setup() {
        const target = useTarget(id);
        return () => h('p', target.value?.target_name ?? 'missing');
      },
    });
    const wrapper = mount(Row, { global: { plugins: [createTargetsPlugin(client)] } });
    await waitFor(() => wrapper.text() === first!.target_name, { message: 'first target' });

    id.value = second!.target_id;
    await nextTick();
    expect(wrapper.text()).toBe(second!.target_name);

    gateway.updateTarget(second!.target_id, { target_name: 'Second renamed' });
    await waitFor(() => wrapper.text() === 'Second renamed', { message: 'renamed second target' });
    wrapper.unmount();
  });

  it('stopped scope closes the socket', async () => {
    const app = createApp({ render: () => null }).use(createTargetsPlugin(client));
    const scope = effectScope(true);
    const status = app.runWithContext(() => scope.run(() => useTargetsStatus()))!;
    await waitFor(() => status.value === 'live', { message: 'status live' });
    expect(gateway.stats().connections).toBe(1);

    scope.stop();
    await waitFor(() => gateway.stats().connections === 0, { message: 'gateway connections closed' });
    expect(client.getStats()).toMatchObject({ subscribers: 0, socketOpen: false });
  });
});
