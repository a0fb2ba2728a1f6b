import { childName, topLevelName } from './names';
import type { Random } from './random';
import type { ProjectStore, StoredTarget } from './store';

const DISCORD_EPOCH_MS = 1420070400000n;
// Snowflakes minted between 2016-01-01 and 2025-06-01 have 18 or 19 digits.
const SNOWFLAKE_FROM_MS = 1451606400000;
const SNOWFLAKE_TO_MS = 1748736000000;

/** Returns a Discord snowflake string that the store does not use yet. */
export function newSnowflake(random: Random, store: ProjectStore): string {
  for (;;) {
    const ms = BigInt(random.int(SNOWFLAKE_FROM_MS, SNOWFLAKE_TO_MS));
    const low = BigInt(random.int(0, 0x3fffff));
    const id = (((ms - DISCORD_EPOCH_MS) << 22n) | low).toString();
    if (!store.hasExternalId('discord', id)) return id;
  }
}

/** Returns a Telegram supergroup or channel chat id (`-100` and ten digits) that the store does not use yet. */
export function newTelegramChatId(random: Random, store: ProjectStore): string {
  for (;;) {
    const id = `-100${random.int(1_000_000_000, 2_999_999_999)}`;
    if (!store.hasExternalId('telegram', id)) return id;
  }
}

/** Returns a participant count with a long tail: most targets are small, a few are huge. */
export function participantCount(random: Random, max = 250_000): number {
  return Math.floor(Math.exp(random.next() * Math.log(max + 1))) - 1 + random.int(0, 1);
}

/** Builds a Discord guild. */
export function newGuild(random: Random, store: ProjectStore): StoredTarget {
  return {
    target_id: random.uuid(),
    target_name: topLevelName(random, 'discord'),
    platform: 'discord',
    kind: 'guild',
    external_id: newSnowflake(random, store),
    is_enabled: random.chance(0.85),
    parent_target_id: null,
    plan_count: random.int(0, 8),
    participant_count: participantCount(random),
  };
}

/** Builds a Discord channel or role under `guild`. */
export function newGuildChild(
  random: Random,
  store: ProjectStore,
  guild: StoredTarget,
  kind: 'channel' | 'role',
): StoredTarget {
  return {
    target_id: random.uuid(),
    target_name: childName(random, kind),
    platform: 'discord',
    kind,
    external_id: newSnowflake(random, store),
    is_enabled: random.chance(0.85),
    parent_target_id: guild.target_id,
    plan_count: random.int(0, kind === 'role' ? 3 : 2),
    participant_count: random.int(0, guild.participant_count),
  };
}

/** Builds a Telegram group or channel. */
export function newTelegramTarget(random: Random, store: ProjectStore, kind: 'group' | 'channel'): StoredTarget {
  return {
    target_id: random.uuid(),
    target_name: topLevelName(random, 'telegram'),
    platform: 'telegram',
    kind,
    external_id: newTelegramChatId(random, store),
    is_enabled: random.chance(0.85),
    parent_target_id: null,
    plan_count: random.int(0, 6),
    participant_count: participantCount(random),
  };
}

/**
 * Fills `store` with `count` targets: Discord guilds with channels and roles
 * under them, and Telegram groups and channels. Parents are inserted before
 * their children. The same random sequence gives the same targets.
 */
export function seedProject(random: Random, store: ProjectStore, count: number): void {
  while (store.size < count) {
    const remaining = count - store.size;
    if (random.chance(0.45)) {
      const guild = newGuild(random, store);
      store.insert(guild);
      const channels = Math.min(random.int(1, 6), remaining - 1);
      for (let i = 0; i < channels; i += 1) store.insert(newGuildChild(random, store, guild, 'channel'));
      const roles = Math.min(random.int(0, 4), count - store.size);
      for (let i = 0; i < roles; i += 1) store.insert(newGuildChild(random, store, guild, 'role'));
    } else {
      store.insert(newTelegramTarget(random, store, random.chance(0.6) ? 'group' : 'channel'));
    }
  }
}
