import type { TargetsClientOptions } from '@livetargets/core';

type IoFactory = NonNullable<TargetsClientOptions['io']>;
type Listener = (...args: unknown[]) => void;

/**
 * A stand-in for a socket.io-client `Socket` that plays a gateway which
 * accepts the handshake and the subscription at once. `deliver` then hands
 * events to the client synchronously, as a burst that arrives within one frame.
 */
export class FakeSocket {
  connected = false;
  active = false;
  /** How many times the client called `connect`. */
  connects = 0;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #anyListeners = new Set<Listener>();

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  onAny(listener: Listener): this {
    this.#anyListeners.add(listener);
    return this;
  }

  offAny(listener?: Listener): this {
    if (listener === undefined) this.#anyListeners.clear();
    else this.#anyListeners.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.#listeners.clear();
    return this;
  }

  connect(): this {
    this.connected = true;
    this.active = true;
    this.connects += 1;
    queueMicrotask(() => this.#receive('message', { type: 'ready' }));
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }

  emit(event: string, payload: unknown): this {
    const action = payload as { action?: string; channel?: string } | undefined;
    if (event === 'message' && action?.action === 'subscribe') {
      queueMicrotask(() => this.#receive('message', { type: 'subscribed', channel: action.channel }));
    }
    return this;
  }

  /** Drops the connection from the server side, as a closed transport does. */
  drop(reason = 'transport close'): void {
    this.connected = false;
    for (const listener of this.#listeners.get('disconnect') ?? []) listener(reason);
  }

  /** Delivers one server event to the client. */
  deliver(event: string, payload: unknown): void {
    this.#receive(event, payload);
  }

  #receive(event: string, payload: unknown): void {
    for (const listener of this.#anyListeners) listener(event, payload);
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }
}

/** Returns an `io` option that hands out `socket`. */
export function fakeIo(socket: FakeSocket): IoFactory {
  return () => socket as unknown as ReturnType<IoFactory>;
}
