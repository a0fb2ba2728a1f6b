import { JSDOM } from 'jsdom';
import type * as ReactDomClient from 'react-dom/client';
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
const CONTAINER = 'list container';

/**
 * Measures goal 4 for the React adapter: renders `rowCount` rows in jsdom with
 * the profiling build of react-dom (the production build with `Profiler`
 * enabled), toggles one target through the client, and counts the commits each
 * `Profiler` reports.
 */
export async function measureReactRenders(rowCount: number): Promise<RenderResult[]> {
  const restoreDom = installDom();
  try {
    // Loaded after the DOM globals exist, as in a browser.
    const React = await import('react');
    // @types/react-dom has no declarations for this entry, which exports what react-dom/client does.
    const profilingEntry: string = 'react-dom/profiling';
    const { createRoot } = (await import(profilingEntry)) as typeof ReactDomClient;
    const { flushSync } = await import('react-dom');
    const { TargetsProvider, useTarget, useTargets } = await import('@livetargets/react');
    // `act` exists only in React's development build; the production build renders synchronously under `flushSync`.
    const { memo, Profiler } = React;

    const results: RenderResult[] = [];
    const renders = new Map<string, number>();
    const onRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);

    // A Profiler reports a commit of anything below it. So the container's Profiler
    // wraps only a marker, which renders exactly when the container does.
    const Marker = () => null;
    const ContainerProfiler = () => (
      <Profiler id={CONTAINER} onRender={onRender}>
        <Marker />
      </Profiler>
    );

    const TargetRow = memo(function TargetRow({ target }: { target: Target }) {
      return (
        <Profiler id={target.target_id} onRender={onRender}>
          <li>{target.target_name} {target.is_enabled ? 'on' : 'off'}</li>
        </Profiler>
      );
    });
    function ListOfTargets() {
      const { targets } = useTargets();
      return (
        <>
          <ContainerProfiler />
          <ul>{targets.map((target) => <TargetRow key={target.target_id} target={target} />)}</ul>
        </>
      );
    }

    const TargetRowById = memo(function TargetRowById({ id }: { id: string }) {
      const target = useTarget(id);
      return (
        <Profiler id={id} onRender={onRender}>
          {target === undefined ? null : <li>{target.target_name} {target.is_enabled ? 'on' : 'off'}</li>}
        </Profiler>
      );
    });
    function ListOfIds() {
      const ids = useTargets(selectIds, sameIds);
      return (
        <>
          <ContainerProfiler />
          <ul>{ids.map((id) => <TargetRowById key={id} id={id} />)}</ul>
        </>
      );
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

      if ((renders.get(CONTAINER) ?? 0) === 0) {
        throw new Error('[livetargets] No Profiler reported the first render: the profiling build of react-dom did not load.');
      }
      renders.clear();
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
      const changedRowRenders = renders.get(changed.target_id) ?? 0;
      const containerRenders = renders.get(CONTAINER) ?? 0;
      let otherRowRenders = 0;
      for (const [id, count] of renders) if (id !== changed.target_id && id !== CONTAINER) otherRowRenders += count;
      if (changedRowRenders === 0) throw new Error('[livetargets] The changed row did not re-render: the event was not applied.');
      results.push({ rows: rowCount, pattern: pattern.name, containerRenders, changedRowRenders, otherRowRenders });

      flushSync(() => root.unmount());
      container.remove();
      stop();
    }
    // React's scheduler may still run a task that reads `window`, so let it finish before the DOM globals are removed.
    await sleep(50);
    return results;
  } finally {
    restoreDom();
  }
}
