import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTargetsClient, type TargetsClient } from '@livetargets/core';
import { startGateway } from '@livetargets/gateway-sim';
import LegacyTargets from './__fixtures__/LegacyTargets.svelte';
import RunesTargets from './__fixtures__/RunesTargets.svelte';

type Gateway = Awaited<ReturnType<typeof startGateway>>;

describe('stores with the gateway simulator', () => {
  let gateway: Gateway;
  let client: TargetsClient;

  beforeEach(async () => {
    gateway = await startGateway({ port: 0, targets: 6 });
    client = createTargetsClient({
      url: gateway.url,
      apiUrl: gateway.apiUrl,
      projectId: gateway.projectId,
      token: gateway.token,
      publish: 'sync',
      graceMs: 0,
      logger: {},
    });
  });

  afterEach(async () => {
    client.destroy();
    await gateway.close();
  });

  it('updates a runes component on target.added', async () => {
    render(RunesTargets, { client });
    expect(screen.getByTestId('status').textContent).toBe('connecting');

    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('live'), { timeout: 5_000 });
    expect(screen.getByTestId('count').textContent).toBe(String(gateway.listTargets().length));

    gateway.addTarget({ target_name: 'Fresh group', platform: 'telegram', kind: 'group' });

    await waitFor(() => expect(screen.getByText('Fresh group')).toBeTruthy(), { timeout: 2_000 });
    expect(screen.getByTestId('count').textContent).toBe(String(gateway.listTargets().length));
  });

  it('updates a legacy component on rename', async () => {
    render(LegacyTargets, { client });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('live'), { timeout: 5_000 });
    const [first] = gateway.listTargets();

    gateway.updateTarget(first!.target_id, { target_name: 'Renamed by the gateway' });

    await waitFor(() => expect(screen.getByText('Renamed by the gateway')).toBeTruthy(), { timeout: 2_000 });
  });

  it('releases the client after unmount cycles', async () => {
    for (let cycle = 0; cycle < 100; cycle += 1) {
      const view = render(cycle % 2 === 0 ? RunesTargets : LegacyTargets, { client });
      view.unmount();
    }

    expect(client.getStats().subscribers).toBe(0);
    await waitFor(() => expect(client.getSnapshot().status).toBe('idle'), { timeout: 2_000 });
  });
});
