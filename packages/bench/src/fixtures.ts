import type { TargetSnapshot } from '@livetargets/core';

/** Seed of every generated target list and event stream, so two runs measure the same data. */
export const SEED = 20_260_601;

/** mulberry32: a small, fast 32-bit PRNG; the same seed always yields the same sequence. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HEX = '0123456789abcdef';

function hex(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += HEX[Math.floor(random() * 16)];
  return text;
}

/** Draws a UUID v4-shaped string from `random`. */
export function randomUuid(random: () => number): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${HEX[8 + Math.floor(random() * 4)]}${hex(random, 3)}-${hex(random, 12)}`;
}

function digits(random: () => number, length: number): string {
  let text = String(1 + Math.floor(random() * 9));
  for (let i = 1; i < length; i++) text += String(Math.floor(random() * 10));
  return text;
}

const WORDS = ['Crypto', 'Signals', 'VIP', 'Traders', 'Club', 'Premium', 'Alpha', 'Daily', 'Insiders', 'Academy', 'Lounge', 'Pro'];

function randomName(random: () => number): string {
  const count = 2 + Math.floor(random() * 2);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'Group');
  return words.join(' ');
}

/** The project every generated target and event belongs to. */
export const PROJECT_ID = '93425026-6bb8-4f81-a75d-63f538e1a123';

/**
 * Makes `count` targets shaped like the vendor's: half Discord (a guild, then
 * channels and roles under it), half Telegram groups and channels.
 */
export function makeTargets(count: number, seed = SEED): TargetSnapshot[] {
  const random = createRandom(seed);
  const targets: TargetSnapshot[] = [];
  let guildId: string | null = null;
  for (let i = 0; i < count; i++) {
    const discord = i % 2 === 0;
    let kind: string;
    let parent: string | null = null;
    if (discord) {
      kind = guildId === null || random() < 0.1 ? 'guild' : random() < 0.7 ? 'channel' : 'role';
      if (kind !== 'guild') parent = guildId;
    } else {
      kind = random() < 0.5 ? 'group' : 'channel';
    }
    const target: TargetSnapshot = {
      target_id: randomUuid(random),
      target_name: randomName(random),
      platform: discord ? 'discord' : 'telegram',
      kind,
      external_id: discord ? digits(random, 18) : `-100${digits(random, 10)}`,
      is_enabled: random() < 0.8,
      parent_target_id: parent,
      plan_count: Math.floor(random() * 6),
      participant_count: Math.floor(random() * 5000),
    };
    if (kind === 'guild') guildId = target.target_id;
    targets.push(target);
  }
  return targets;
}

/** An event as it arrives: the Socket.IO event name and the JSON text of its payload. */
export interface WireEvent {
  readonly name: string;
  readonly json: string;
  /** The target the event concerns. */
  readonly targetId: string;
}

/** Base time of the generated events (epoch ms). */
export const BASE_TIME = 1_779_836_400_000;

/**
 * Makes `count` events on existing targets: mostly `target.updated` (renames
 * and count changes), some `target.enabled`/`target.disabled`, each a full
 * snapshot with a fresh `event_id` and a rising `emitted_at`.
 */
export function makeUpdateEvents(targets: readonly TargetSnapshot[], count: number, seed = SEED + 1): WireEvent[] {
  const random = createRandom(seed);
  const events: WireEvent[] = [];
  for (let i = 0; i < count; i++) {
    const base = targets[Math.floor(random() * targets.length)];
    if (base === undefined) throw new Error('[livetargets] makeUpdateEvents needs at least one target.');
    const toggle = random() < 0.2;
    const target: TargetSnapshot = {
      ...base,
      target_name: toggle ? base.target_name : `${base.target_name} ${i}`,
      is_enabled: toggle ? !base.is_enabled : base.is_enabled,
      participant_count: Math.floor(random() * 5000),
    };
    const toggleName = target.is_enabled ? 'target.enabled' : 'target.disabled';
    const name = toggle ? toggleName : 'target.updated';
    const payload = {
      event_id: randomUuid(random),
      emitted_at: BASE_TIME + 1 + i,
      channel: 'targets',
      project_id: PROJECT_ID,
      platform: target.platform,
      target,
    };
    events.push({ name, json: JSON.stringify(payload), targetId: target.target_id });
  }
  return events;
}
