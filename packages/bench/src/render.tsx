import { JSDOM } from 'jsdom';
import type { Target, TargetsView } from '@livetargets/core';
import { createLiveClient } from './coalescing';
import { BASE_TIME, makeTargets, PROJECT_ID, randomUuid, createRandom } from './fixtures';

/** Render counts after one target changed in a rendered list. */
export interface RenderResult {
  readonly rows: number;
  readonly pattern: string;
  /** Renders of the list container caused by the change. */
  readonly containerRenders: number;
  /** Renders of the changed target's row. */
  readonly changedRowRenders: number;
  /** Renders of every other row. */
  readonly otherRowRenders: number;
}

function installDom(): () => void {
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', { url: 'http://127.0.0.1/' });
  const globals: Record<string, unknown> = {
    window: dom.window,
    document: dom.window.document,
    HTMLElement: dom.window.HTMLElement,
    Node: dom.window.Node,
  };
  const previous = new Map<string, PropertyDescriptor | undefined>();
  for (const [name, value] of Object.entries(globals)) {
    previous.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return () => {
    for (const [name, descriptor] of previous) {
      if (descriptor === undefined) Reflect.deleteProperty(globalThis, name);
      else Object.defineProperty(globalThis, name, descriptor);
    }
    dom.window.close();
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index]);
const selectIds = (view: TargetsView): readonly string[] => view.list.map((target) => target.target_id);

/**
 * Measures goal 4 for the React adapter: renders `rowCount` rows in jsdom with
 * `react-dom/client`, toggles one target through the client, and counts renders
 * with a counter in each component (React's `Profiler` reports nothing in the
 * production build).
 */
export async function measureReactRenders(rowCount: number): Promise<RenderResult[]> {
  const restoreDom = installDom();
  try {
    // Loaded after the DOM globals exist, as in a browser.
    const React = await import('react');
    const { createRoot } = await import('react-dom/client');
    const { flushSync } = await import('react-dom');
    const { TargetsProvider, useTarget, useTargets } = await import('@livetargets/react');
    // `act` exists only in React's development build; the production build renders synchronously under `flushSync`.
    const { memo } = React;

    const results: RenderResult[] = [];
    const rowRenders = new Map<string, number>();
    let containerRenders = 0;
    const countRow = (id: string) => rowRenders.set(id, (rowRenders.get(id) ?? 0) + 1);

    const TargetRow = memo(function TargetRow({ target }: { target: Target }) {
      countRow(target.target_id);
      return <li>{target.target_name} {target.is_enabled ? 'on' : 'off'}</li>;
    });
    function ListOfTargets() {
      const { targets } = useTargets();
      containerRenders += 1;
      return <ul>{targets.map((target) => <TargetRow key={target.target_id} target={target} />)}</ul>;
    }

    const TargetRowById = memo(function TargetRowById({ id }: { id: string }) {
      countRow(id);
      const target = useTarget(id);
      return target === undefined ? null : <li>{target.target_name} {target.is_enabled ? 'on' : 'off'}</li>;
    });
    function ListOfIds() {
      const ids = useTargets(selectIds, sameIds);
      containerRenders += 1;
      return <ul>{ids.map((id) => <TargetRowById key={id} id={id} />)}</ul>;
    }

    const patterns = [
      { name: 'useTargets() list, memo rows with a target prop', List: ListOfTargets },
      { name: 'ids selected with useTargets(select, isEqual), rows with useTarget(id)', List: ListOfIds },
    ];
    for (const [index, pattern] of patterns.entries()) {
      const targets = makeTargets(rowCount);
      const { client, socket, stop } = await createLiveClient(targets);
      const container = document.createElement('div');
      document.body.append(container);
      const root = createRoot(container);
      const { List } = pattern;
      flushSync(() => {
        root.render(
          <TargetsProvider client={client}>
            <List />
          </TargetsProvider>,
        );
      });
      await sleep(50);
      if (container.querySelectorAll('li').length !== rowCount) {
        throw new Error(`[livetargets] Expected ${rowCount} rows, rendered ${container.querySelectorAll('li').length}.`);
      }

      rowRenders.clear();
      containerRenders = 0;
      const changed = targets[Math.floor(rowCount / 2)]!;
      const random = createRandom(index + 7);
      {
        socket.deliver(changed.is_enabled ? 'target.disabled' : 'target.enabled', {
          event_id: randomUuid(random),
          emitted_at: BASE_TIME + 10,
          channel: 'targets',
          project_id: PROJECT_ID,
          platform: changed.platform,
          target: { ...changed, is_enabled: !changed.is_enabled },
        });
        // Past the client's frame timer and React's scheduling of the update.
        await sleep(200);
      }
      const changedRowRenders = rowRenders.get(changed.target_id) ?? 0;
      let otherRowRenders = 0;
      for (const [id, count] of rowRenders) if (id !== changed.target_id) otherRowRenders += count;
      if (changedRowRenders === 0) throw new Error('[livetargets] The changed row did not re-render: the event was not applied.');
      results.push({ rows: rowCount, pattern: pattern.name, containerRenders, changedRowRenders, otherRowRenders });

      flushSync(() => root.unmount());
      container.remove();
      stop();
    }
    return results;
  } finally {
    restoreDom();
  }
}
