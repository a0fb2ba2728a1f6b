import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { memo, Profiler, StrictMode, useEffect } from 'react';
import type { TargetsView } from '@livetargets/core';
import { startGateway } from '@livetargets/gateway-sim';
import type { Gateway } from '@livetargets/gateway-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureConsoleErrors, clientFactory, withClient } from './test-helpers';
import { useTarget } from './useTarget';
import { useTargets } from './useTargets';
import { useTargetsStatus } from './useTargetsStatus';

let gateway: Gateway;
const clients = clientFactory(() => gateway);

beforeAll(async () => {
  gateway = await startGateway({ port: 0, targets: 12, seed: 7 });
});

afterEach(() => {
  cleanup();
  clients.destroyAll();
});

afterAll(async () => {
  await gateway.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function firstTopLevelId(): string {
  return gateway.listTargets().find((target) => target.parent_target_id === null)!.target_id;
}

describe('TargetsProvider', () => {
  it('throws a hook outside the provider', () => {
    const errors = captureConsoleErrors();
    try {
      expect(() => renderHook(() => useTargets())).toThrow(
        /\[livetargets\].*Wrap the tree in <TargetsProvider client=\{\.\.\.\}>/,
      );
      expect(() => renderHook(() => useTarget('x'))).toThrow(/\[livetargets\]/);
      expect(() => renderHook(() => useTargetsStatus())).toThrow(/\[livetargets\]/);
    } finally {
      errors.restore();
    }
  });
});

describe('useTargets', () => {
  it('lists the gateway targets once live', async () => {
    const client = clients.create();
    const { result } = renderHook(() => useTargets(), { wrapper: withClient(client) });

    await waitFor(() => expect(result.current.status).toBe('live'));
    const expected = gateway.listTargets();
    expect(result.current.targets).toHaveLength(expected.length);
    expect(result.current.byId.size).toBe(expected.length);
    expect(result.current.targets).toBe(client.getSnapshot().list);
    expect(result.current.byId).toBe(client.getSnapshot().targets);
    expect(result.current.error).toBeUndefined();
  });

  it('shows an added target', async () => {
    const client = clients.create();
    const { result } = renderHook(() => useTargets(), { wrapper: withClient(client) });
    await waitFor(() => expect(result.current.status).toBe('live'));

    const added = gateway.addTarget({ platform: 'telegram', kind: 'group', target_name: 'Added in test' });
    await waitFor(() => expect(result.current.byId.get(added.target_id)?.target_name).toBe('Added in test'));
    gateway.removeTarget(added.target_id);
    await waitFor(() => expect(result.current.byId.has(added.target_id)).toBe(false));
  });

  it('refresh reads the list again', async () => {
    const client = clients.create();
    const { result } = renderHook(() => useTargets(), { wrapper: withClient(client) });
    await waitFor(() => expect(result.current.status).toBe('live'));

    const before = client.getStats().reconciles;
    await act(() => result.current.refresh());
    expect(client.getStats().reconciles).toBe(before + 1);
  });

  it('keeps the result object between renders without changes', async () => {
    const client = clients.create();
    const { result, rerender } = renderHook(() => useTargets(), { wrapper: withClient(client) });
    await waitFor(() => expect(result.current.status).toBe('live'));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  it('re-renders a selector only when its value changes', async () => {
    const client = clients.create();
    const disabledCount = (view: TargetsView) => view.list.filter((target) => !target.is_enabled).length;
    let renders = 0;
    function Count() {
      renders += 1;
      return <p data-testid="count">{useTargets(disabledCount)}</p>;
    }
    function Status() {
      return <p data-testid="status">{useTargetsStatus().status}</p>;
    }
    render(
      <>
        <Status />
        <Count />
      </>,
      { wrapper: withClient(client) },
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('live'));
    const id = firstTopLevelId();
    gateway.updateTarget(id, { is_enabled: true });
    await waitFor(() => expect(client.getSnapshot().targets.get(id)?.is_enabled).toBe(true));
    await pause(50);
    const count = Number(screen.getByTestId('count').textContent);
    const before = renders;

    gateway.updateTarget(id, { target_name: 'Rename keeps the count' });
    await waitFor(() => expect(client.getSnapshot().targets.get(id)?.target_name).toBe('Rename keeps the count'));
    await pause(50);
    expect(renders).toBe(before);

    gateway.updateTarget(id, { is_enabled: false });
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe(String(count + 1)));
    expect(renders).toBe(before + 1);
  });

  it('logs no cache warning for an inline selector', async () => {
    const errors = captureConsoleErrors();
    try {
      const client = clients.create();
      const { result } = renderHook(
        () => ({
          names: useTargets((view) => view.list.map((target) => target.target_name)),
          status: useTargets((view) => ({ status: view.status })).status,
        }),
        { wrapper: ({ children }) => <StrictMode>{withClient(client)({ children })}</StrictMode> },
      );
      await waitFor(() => expect(result.current.status).toBe('live'));

      const id = firstTopLevelId();
      gateway.updateTarget(id, { target_name: 'Inline selector rename' });
      await waitFor(() => expect(result.current.names).toContain('Inline selector rename'));
      expect(errors.messages()).toEqual([]);
    } finally {
      errors.restore();
    }
  });

  it('applies a new selector without a store change', async () => {
    const client = clients.create();
    const { result, rerender } = renderHook(
      ({ kind }: { kind: string }) => ({
        count: useTargets((view) => view.list.filter((target) => target.kind === kind).length),
        status: useTargetsStatus().status,
      }),
      { wrapper: withClient(client), initialProps: { kind: 'guild' } },
    );
    await waitFor(() => expect(result.current.status).toBe('live'));
    const countOf = (kind: string) => gateway.listTargets().filter((target) => target.kind === kind).length;
    expect(result.current.count).toBe(countOf('guild'));

    const view = client.getSnapshot();
    rerender({ kind: 'role' });
    expect(client.getSnapshot()).toBe(view);
    expect(result.current.count).toBe(countOf('role'));
    expect(countOf('role')).not.toBe(countOf('guild'));
  });

  it('keeps the previous selection when isEqual says equal', async () => {
    const client = clients.create();
    const ids = (view: TargetsView) => view.list.map((target) => target.target_id).sort();
    const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, index) => id === b[index]);
    const seen: string[][] = [];
    const { result } = renderHook(
      () => {
        const selection = useTargets(ids, sameIds);
        seen.push(selection);
        return { selection, status: useTargetsStatus().status };
      },
      { wrapper: withClient(client) },
    );
    await waitFor(() => expect(result.current.status).toBe('live'));

    const before = result.current.selection;
    const id = firstTopLevelId();
    gateway.updateTarget(id, { target_name: 'isEqual rename' });
    await waitFor(() => expect(client.getSnapshot().targets.get(id)?.target_name).toBe('isEqual rename'));
    await pause(50);
    expect(result.current.selection).toBe(before);
    expect(new Set(seen.slice(seen.indexOf(before))).size).toBe(1);
  });
});

describe('useTarget', () => {
  it('follows one target by id', async () => {
    const client = clients.create();
    const id = firstTopLevelId();
    const { result } = renderHook(() => useTarget(id), { wrapper: withClient(client) });

    await waitFor(() => expect(result.current?.target_id).toBe(id));
    gateway.updateTarget(id, { target_name: 'Followed rename' });
    await waitFor(() => expect(result.current?.target_name).toBe('Followed rename'));
  });

  it('returns undefined until the target exists', async () => {
    const client = clients.create();
    const id = '00000000-0000-4000-8000-00000000abcd';
    const { result } = renderHook(() => ({ target: useTarget(id), status: useTargetsStatus().status }), {
      wrapper: withClient(client),
    });
    await waitFor(() => expect(result.current.status).toBe('live'));
    expect(result.current.target).toBeUndefined();

    gateway.addTarget({ platform: 'discord', kind: 'guild', target_id: id, target_name: 'Late guild' });
    await waitFor(() => expect(result.current.target?.target_name).toBe('Late guild'));
    gateway.removeTarget(id);
    await waitFor(() => expect(result.current.target).toBeUndefined());
  });

  it('re-renders only the row whose target changed', async () => {
    const client = clients.create();
    const renders = new Map<string, number>();
    const Row = memo(function Row({ id }: { id: string }) {
      renders.set(id, (renders.get(id) ?? 0) + 1);
      const target = useTarget(id);
      return <li data-testid={id}>{target?.target_name}</li>;
    });
    const ids = gateway.listTargets().map((target) => target.target_id);
    function List() {
      const status = useTargetsStatus().status;
      return (
        <>
          <p data-testid="status">{status}</p>
          <ul>
            {ids.map((id) => (
              <Row key={id} id={id} />
            ))}
          </ul>
        </>
      );
    }
    render(<List />, { wrapper: withClient(client) });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('live'));
    await pause(50);

    const before = new Map(renders);
    const changed = ids[3]!;
    gateway.updateTarget(changed, { target_name: 'Only this row' });
    await waitFor(() => expect(screen.getByTestId(changed).textContent).toBe('Only this row'));
    await pause(50);

    for (const id of ids) {
      expect(renders.get(id)! - before.get(id)!, `renders of row ${id}`).toBe(id === changed ? 1 : 0);
    }
  });
});

describe('useTargetsStatus', () => {
  it('goes reconnecting and back to live across a restart', async () => {
    const client = clients.create();
    const history: string[] = [];
    const { result } = renderHook(
      () => {
        const state = useTargetsStatus();
        useEffect(() => {
          history.push(state.status);
        }, [state.status]);
        return state;
      },
      { wrapper: withClient(client) },
    );
    await waitFor(() => expect(result.current.status).toBe('live'));
    expect(result.current.lastEventAt).toBeUndefined();

    await gateway.restart({ downtimeMs: 300 });
    await waitFor(() => expect(history).toContain('reconnecting'));
    await waitFor(() => expect(result.current.status).toBe('live'), { timeout: 5_000 });
    expect(history.slice(history.indexOf('reconnecting'))).toContain('live');

    gateway.updateTarget(firstTopLevelId(), { target_name: 'After restart' });
    await waitFor(() => expect(result.current.lastEventAt).toBeTypeOf('number'));
  });
});

describe('StrictMode', () => {
  function strictWrapper(client: ReturnType<typeof clients.create>) {
    const Provider = withClient(client);
    return function Wrapper({ children }: { children?: React.ReactNode }) {
      return (
        <StrictMode>
          <Provider>{children}</Provider>
        </StrictMode>
      );
    };
  }

  it('commits once per event', async () => {
    const client = clients.create();
    const id = firstTopLevelId();
    let commits = 0;
    function Name() {
      return <p data-testid="name">{useTarget(id)?.target_name}</p>;
    }
    function Status() {
      return <p data-testid="status">{useTargetsStatus().status}</p>;
    }
    render(
      <>
        <Status />
        <Profiler id="name" onRender={() => (commits += 1)}>
          <Name />
        </Profiler>
      </>,
      { wrapper: strictWrapper(client) },
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('live'));
    await pause(50);

    const before = commits;
    gateway.updateTarget(id, { target_name: 'Strict rename' });
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Strict rename'));
    await pause(50);
    expect(commits - before).toBe(1);
  });

  it('keeps one connection through the double mount', async () => {
    const client = clients.create();
    const { result } = renderHook(() => useTargetsStatus(), { wrapper: strictWrapper(client) });

    await waitFor(() => expect(result.current.status).toBe('live'));
    await pause(150);
    expect(client.getStats().reconciles).toBe(1);
    expect(gateway.stats().connections).toBe(1);
  });

  it('leaves no listener after unmount', async () => {
    const client = clients.create();
    const { result, unmount } = renderHook(() => useTargetsStatus(), { wrapper: strictWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('live'));

    unmount();
    await waitFor(() => expect(client.getSnapshot().status).toBe('idle'));
    await waitFor(() => expect(gateway.stats().connections).toBe(0));
  });
});
