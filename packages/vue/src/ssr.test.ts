// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createTargetsClient, type TargetsClient } from '@livetargets/core';
import { makeTarget } from '@livetargets/test-utils';
import { createTargetsPlugin } from './context';
import { useTarget, useTargets, useTargetsSelector, useTargetsStatus } from './index';

const initialTargets = [
  makeTarget({ target_name: 'Zeta guild' }),
  makeTarget({ target_name: 'Alpha guild', participant_count: 7 }),
];

const clients: TargetsClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

/** Creates a real client, which connects only once subscribed, and counts its `subscribe` calls. */
function createCountingClient() {
  // Nothing listens on loopback port 9, so the client cannot reach a server even if it tried.
  const client = createTargetsClient({
    url: 'http://127.0.0.1:9/v2/live-updates',
    projectId: 'project-ssr',
    token: 'token-ssr',
    fetchSnapshot: false,
    initialTargets,
  });
  clients.push(client);
  let subscribeCalls = 0;
  const counted: TargetsClient = Object.create(client, {
    subscribe: {
      value: (listener: () => void) => {
        subscribeCalls += 1;
        return client.subscribe(listener);
      },
    },
  });
  return { client: counted, subscribeCalls: () => subscribeCalls };
}

const Page = defineComponent({
  setup() {
    const { targets } = useTargets();
    const status = useTargetsStatus();
    const alpha = useTarget(initialTargets[1]!.target_id);
    const total = useTargetsSelector((view) => view.list.length);
    return () =>
      h('main', [
        h('p', { class: 'status' }, status.value),
        h('p', { class: 'total' }, String(total.value)),
        h('p', { class: 'alpha' }, String(alpha.value?.participant_count)),
        h('ul', targets.value.map((target) => h('li', target.target_name))),
      ]);
  },
});

describe('server rendering', () => {
  it('renders initialTargets', async () => {
    const { client } = createCountingClient();
    const html = await renderToString(createSSRApp(Page).use(createTargetsPlugin(client)));
    expect(html).toContain('<li>Alpha guild</li><li>Zeta guild</li>');
    expect(html).toContain('<p class="total">2</p>');
    expect(html).toContain('<p class="alpha">7</p>');
  });

  it('reads the server snapshot', async () => {
    const { client } = createCountingClient();
    const html = await renderToString(createSSRApp(Page).use(createTargetsPlugin(client)));
    expect(html).toContain(`<p class="status">${client.getServerSnapshot().status}</p>`);
  });

  it('does not subscribe', async () => {
    const { client, subscribeCalls } = createCountingClient();
    await renderToString(createSSRApp(Page).use(createTargetsPlugin(client)));
    expect(subscribeCalls()).toBe(0);
    expect(client.getStats()).toMatchObject({ subscribers: 0, socketOpen: false });
  });
});
