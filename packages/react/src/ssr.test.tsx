import { act, cleanup, waitFor } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { startGateway } from '@livetargets/gateway-sim';
import type { Gateway } from '@livetargets/gateway-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TargetsProvider } from './context';
import { captureConsoleErrors, clientFactory } from './test-helpers';
import { useTarget } from './useTarget';
import { useTargets } from './useTargets';
import { useTargetsStatus } from './useTargetsStatus';

let gateway: Gateway;
const clients = clientFactory(() => gateway);

beforeAll(async () => {
  gateway = await startGateway({ port: 0, targets: 10, seed: 3 });
});

afterEach(() => {
  cleanup();
  clients.destroyAll();
});

afterAll(async () => {
  await gateway.close();
});

function Page({ firstId }: { firstId: string }) {
  const { targets } = useTargets();
  const { status } = useTargetsStatus();
  const first = useTarget(firstId);
  return (
    <main>
      <p id="status">{status}</p>
      <p id="first">{first?.target_name ?? 'none'}</p>
      <ul id="list">
        {targets.map((target) => (
          <li key={target.target_id}>{target.target_name}</li>
        ))}
      </ul>
    </main>
  );
}

describe('server rendering', () => {
  it('hydrates initialTargets without a mismatch', async () => {
    const initialTargets = gateway.listTargets().slice(0, 4);
    const firstId = initialTargets[0]!.target_id;
    const serverClient = clients.create({ initialTargets, fetchSnapshot: false });
    const html = renderToString(
      <TargetsProvider client={serverClient}>
        <Page firstId={firstId} />
      </TargetsProvider>,
    );
    expect(html).toContain(initialTargets[0]!.target_name.replace(/&/g, '&amp;'));
    expect(serverClient.getStats().reconciles).toBe(0);

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const serverText = container.textContent;

    const browserClient = clients.create({ initialTargets });
    const recoverable: unknown[] = [];
    const errors = captureConsoleErrors();
    let root: ReturnType<typeof hydrateRoot> | undefined;
    try {
      await act(async () => {
        root = hydrateRoot(
          container,
          <TargetsProvider client={browserClient}>
            <Page firstId={firstId} />
          </TargetsProvider>,
          { onRecoverableError: (error) => recoverable.push(error) },
        );
      });
      expect(recoverable).toEqual([]);
      expect(errors.messages()).toEqual([]);
      expect(container.querySelectorAll('#list li').length).toBeGreaterThanOrEqual(initialTargets.length);
      expect(serverText).toContain(initialTargets[0]!.target_name);

      await waitFor(() => expect(container.querySelector('#status')?.textContent).toBe('live'));
      await waitFor(() => expect(container.querySelectorAll('#list li')).toHaveLength(gateway.listTargets().length));
      expect(errors.messages()).toEqual([]);
    } finally {
      errors.restore();
      act(() => root?.unmount());
      container.remove();
    }
  });

  it('renders the server snapshot without connecting', () => {
    const serverClient = clients.create({ initialTargets: gateway.listTargets(), fetchSnapshot: false });
    const html = renderToString(
      <TargetsProvider client={serverClient}>
        <Page firstId="missing" />
      </TargetsProvider>,
    );
    expect(html).toContain('none');
    expect(html.match(/<li>/g)).toHaveLength(gateway.listTargets().length);
    expect(serverClient.getSnapshot().status).toBe('idle');
  });
});
