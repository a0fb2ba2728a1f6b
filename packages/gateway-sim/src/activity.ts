import { renamed } from './names';
import type { Random } from './random';
import { newGuild, newGuildChild, newTelegramTarget, participantCount } from './seed';
import type { ProjectStore, StoredTarget } from './store';
import type { TargetPatch } from './validation';

/** Inputs of one generated change: the project, a generator and the gateway's change path. */
export interface ActivityContext {
  readonly store: ProjectStore;
  readonly random: Random;
  /** Project size the generator steers towards. */
  readonly targetSize: number;
  add(target: StoredTarget): void;
  update(targetId: string, patch: TargetPatch): void;
  remove(targetId: string): void;
}

/**
 * Makes one random change: a rename, an enable or disable, a count change, a
 * move of a channel to another guild, an add or a remove (nested targets
 * included). Adds and removes are weighted so the project size stays near
 * `targetSize`.
 */
export function generateChange(context: ActivityContext): void {
  const { store, random, targetSize } = context;
  const size = store.size;
  const tooSmall = size < Math.max(1, Math.floor(targetSize * 0.95));
  const tooLarge = size > Math.ceil(targetSize * 1.05);
  let addWeight = 0.07;
  let removeWeight = 0.07;
  if (tooSmall) {
    addWeight = 0.3;
    removeWeight = 0.01;
  } else if (tooLarge) {
    addWeight = 0.01;
    removeWeight = 0.3;
  }
  if (size <= 1) removeWeight = 0;

  let roll = random.next();
  if (roll < addWeight || size === 0) {
    addOne(context);
    return;
  }
  roll -= addWeight;
  const targetId = store.randomId(random) as string;
  const target = store.get(targetId) as StoredTarget;
  if (roll < removeWeight) {
    context.remove(targetId);
    return;
  }

  const change = random.next();
  if (change < 0.3) {
    context.update(targetId, { target_name: renamed(random, target.target_name, target.kind, target.platform) });
  } else if (change < 0.55) {
    context.update(targetId, { is_enabled: !target.is_enabled });
  } else if (change < 0.6) {
    context.update(targetId, {
      is_enabled: !target.is_enabled,
      target_name: renamed(random, target.target_name, target.kind, target.platform),
    });
  } else if (change < 0.95) {
    const delta = Math.max(1, Math.round(target.participant_count * 0.02)) * (random.chance(0.55) ? 1 : -1);
    const patch: TargetPatch = random.chance(0.2)
      ? { plan_count: Math.max(0, target.plan_count + (random.chance(0.5) ? 1 : -1)) }
      : { participant_count: Math.max(0, target.participant_count + delta * random.int(1, 3)) };
    context.update(targetId, patch);
  } else {
    moveChild(context, target);
  }
}

function addOne(context: ActivityContext): void {
  const { store, random } = context;
  const roll = random.next();
  if (roll < 0.35) {
    context.add(newTelegramTarget(random, store, random.chance(0.6) ? 'group' : 'channel'));
    return;
  }
  const guild = roll < 0.55 ? undefined : findGuild(store, random);
  if (guild === undefined) {
    context.add(newGuild(random, store));
    return;
  }
  context.add(newGuildChild(random, store, guild, random.chance(0.6) ? 'channel' : 'role'));
}

function findGuild(store: ProjectStore, random: Random): StoredTarget | undefined {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const candidate = store.get(store.randomId(random) ?? '');
    if (candidate === undefined) return undefined;
    if (candidate.kind === 'guild') return candidate;
    if (candidate.platform === 'discord' && candidate.parent_target_id !== null) {
      return store.get(candidate.parent_target_id);
    }
  }
  return undefined;
}

function moveChild(context: ActivityContext, target: StoredTarget): void {
  if (target.parent_target_id === null) {
    context.update(target.target_id, { participant_count: participantCount(context.random) });
    return;
  }
  const guild = findGuild(context.store, context.random);
  if (guild !== undefined && guild.target_id !== target.parent_target_id) {
    context.update(target.target_id, { parent_target_id: guild.target_id });
  }
}
