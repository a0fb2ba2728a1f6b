import { createEntityAdapter, createSlice, configureStore, type PayloadAction } from '@reduxjs/toolkit';
import {
  createTargetsState,
  parseTargetEvent,
  reduceTargets,
  type TargetEvent,
  type TargetSnapshot,
  type TargetsState,
} from '@livetargets/core';
import { enableMapSet, produce } from 'immer';
import { BASE_TIME, makeTargets, makeUpdateEvents, PROJECT_ID, type WireEvent } from './fixtures';
import { timeTasks } from './stats';

enableMapSet();

/** Per-event medians (µs) at one state size. */
export interface ThroughputResult {
  readonly targets: number;
  /** Events in one burst, and in one sample of the single-event tasks. */
  readonly burstEvents: number;
  /** Events in one sample of the peer tasks, which are slow enough to need fewer. */
  readonly peerEvents: number;
  /** Parse, validate, dedupe, version check and one `reduceTargets` call for the whole burst. */
  readonly pipelineUs: number;
  /** The same pipeline, starting from each packet's JSON text. */
  readonly pipelineFromJsonUs: number;
  /** Hand-written `Map.set` of each payload's target, no validation. */
  readonly mapLoopUs: number;
  /** `JSON.parse` of each packet, then the hand-written `Map.set` loop. */
  readonly mapLoopFromJsonUs: number;
  /** `parseTargetEvent` alone. */
  readonly parseUs: number;
  /** `reduceTargets(state, event)` once per event, on validated events. */
  readonly singleEventUs: number;
  /** Redux Toolkit entity adapter, one dispatch per event. */
  readonly reduxUs: number;
  /** Immer `produce` over a `Map`, one new Map per event. */
  readonly immerMapUs: number;
}

interface Payload {
  readonly target: TargetSnapshot;
}

function collectGarbage(): void {
  globalThis.gc?.();
}

function decode(events: readonly WireEvent[]): unknown[] {
  return events.map((event) => JSON.parse(event.json) as unknown);
}

function parseAll(events: readonly WireEvent[], payloads: readonly unknown[]): TargetEvent[] {
  const parsed: TargetEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const result = parseTargetEvent(events[i]!.name, payloads[i], { projectId: PROJECT_ID });
    if (!result.ok) throw result.error;
    parsed.push(result.event);
  }
  return parsed;
}

function createReduxStore(targets: readonly TargetSnapshot[]) {
  const adapter = createEntityAdapter({ selectId: (target: TargetSnapshot) => target.target_id });
  const slice = createSlice({
    name: 'targets',
    initialState: adapter.setAll(adapter.getInitialState(), targets),
    reducers: {
      targetReceived(state, action: PayloadAction<TargetSnapshot>) {
        adapter.setOne(state, action.payload);
      },
    },
  });
  // The serializability and immutability checks are development-only middleware; an app's production build has none.
  const store = configureStore({
    reducer: slice.reducer,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware({ serializableCheck: false, immutableCheck: false, thunk: false }),
  });
  return { store, targetReceived: slice.actions.targetReceived };
}

/** Measures goals 1 to 3 at one state size. */
export async function measureThroughput(
  targetCount: number,
  options: { burstEvents: number; peerEvents: number; iterations: number },
): Promise<ThroughputResult> {
  const targets = makeTargets(targetCount);
  const wire = makeUpdateEvents(targets, options.burstEvents);
  const payloads = decode(wire);
  const events = parseAll(wire, payloads);
  const base: TargetsState = createTargetsState(targets, BASE_TIME);
  const map = new Map(targets.map((target) => [target.target_id, target]));

  const peerEvents = events.slice(0, options.peerEvents);
  // Two copies of each target, used in turn by successive samples: writing the very object a
  // Map already contains is a no-op for Immer, which would make the peers look free.
  const peerRounds = [0, 1].map((round) =>
    (payloads.slice(0, options.peerEvents) as Payload[]).map((payload) => ({ target: { ...payload.target, round } })),
  );
  let peerSample = 0;
  const nextPeerRound = (): Payload[] => peerRounds[peerSample++ % 2]!;
  let sink: unknown;

  const pipeline = (decoded: readonly unknown[]): TargetsState => {
    const batch: TargetEvent[] = [];
    for (let i = 0; i < wire.length; i++) {
      const result = parseTargetEvent(wire[i]!.name, decoded[i], { projectId: PROJECT_ID });
      if (result.ok) batch.push(result.event);
    }
    return reduceTargets(base, batch);
  };

  const timings = await timeTasks(
    {
      pipeline: () => {
        sink = pipeline(payloads);
      },
      pipelineFromJson: () => {
        sink = pipeline(decode(wire));
      },
      mapLoop: () => {
        for (const payload of payloads as Payload[]) map.set(payload.target.target_id, payload.target);
      },
      mapLoopFromJson: () => {
        for (const event of wire) {
          const payload = JSON.parse(event.json) as Payload;
          map.set(payload.target.target_id, payload.target);
        }
      },
      parse: () => {
        sink = parseAll(wire, payloads);
      },
      singleEvent: () => {
        let state = base;
        for (const event of events) state = reduceTargets(state, event);
        sink = state;
      },
    },
    { iterations: options.iterations, timeMs: 150, warmupIterations: 5, rounds: 5 },
  );

  // The peers' structures exist only while they are measured, so that their garbage
  // collection does not weigh on the tasks above.
  collectGarbage();
  const { store, targetReceived } = createReduxStore(targets);
  let immerMap: ReadonlyMap<string, TargetSnapshot> = new Map(map);
  const peerTimings = await timeTasks(
    {
      redux: () => {
        for (const payload of nextPeerRound()) store.dispatch(targetReceived(payload.target));
      },
      immerMap: () => {
        for (const payload of nextPeerRound()) {
          immerMap = produce(immerMap, (draft) => {
            draft.set(payload.target.target_id, payload.target);
          });
        }
      },
    },
    { iterations: options.iterations, timeMs: 500, warmupIterations: 2 },
  );
  Object.assign(timings, peerTimings);
  if (sink === undefined || immerMap.size === 0 || store.getState().ids.length === 0) throw new Error('[livetargets] A benchmark task produced no result.');

  const perEvent = (name: string, count: number): number => ((timings[name]?.medianMs ?? Number.NaN) * 1000) / count;
  return {
    targets: targetCount,
    burstEvents: options.burstEvents,
    peerEvents: peerEvents.length,
    pipelineUs: perEvent('pipeline', wire.length),
    pipelineFromJsonUs: perEvent('pipelineFromJson', wire.length),
    mapLoopUs: perEvent('mapLoop', wire.length),
    mapLoopFromJsonUs: perEvent('mapLoopFromJson', wire.length),
    parseUs: perEvent('parse', wire.length),
    singleEventUs: perEvent('singleEvent', events.length),
    reduxUs: perEvent('redux', peerEvents.length),
    immerMapUs: perEvent('immerMap', peerEvents.length),
  };
}
