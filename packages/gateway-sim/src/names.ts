import type { Random } from './random';

// Word lists mix scripts on purpose: the UIs under test must sort, search and
// render Cyrillic, Japanese, emoji and right-to-left names.
const GUILD_NAMES = [
  'Crypto Signals Hub', 'Pixel Artists', 'Night Owls Trading', 'Indie Devs', 'Lo-fi Lounge',
  'Speedrun Academy', 'Premium Picks', 'Alpha Club', 'Study Together', 'Retro Gaming',
  'Клуб трейдеров', 'Русский Форекс', 'Программисты', 'Книжный клуб',
  'ゲーム部', '日本語サーバー', 'アニメ同好会', '投資サロン',
  'نادي التداول', 'مجتمع المطورين', 'קהילת המשקיעים', 'מועדון הספר',
  '🚀 Moon Squad', '💎 Diamond Hands', '🔥 Hot Deals', 'Café Ñandú', 'Zürich Crew',
];

const GROUP_NAMES = [
  'VIP Signals', 'Daily Picks', 'Members Chat', 'Premium Support', 'Early Access',
  'Закрытый канал', 'Сигналы VIP', 'Новости рынка', 'Обсуждение',
  'お知らせ', '雑談ルーム', 'プレミアム会員',
  'الأخبار اليومية', 'قناة VIP', 'חדשות השוק', 'צ׳אט חברים',
  '📈 Market Updates', '🎯 Sniper Calls', '✨ Insiders', 'Ελληνική ομάδα',
];

const CHANNEL_NAMES = [
  'general', 'announcements', 'vip-signals', 'premium-chat', 'support', 'off-topic',
  'trade-ideas', 'welcome', 'rules', 'voice-lounge', 'новости', 'общий-чат',
  '雑談', 'お知らせ', 'عام', 'כללי', '📢-updates', '💬-chat',
];

const ROLE_NAMES = [
  'VIP', 'Premium', 'Gold Member', 'Supporter', 'Early Bird', 'Moderator', 'Pro Trader',
  'Модератор', 'Подписчик', 'サポーター', 'プレミアム', 'عضو مميز', 'מנוי', '⭐ Star', '👑 Patron',
];

const SUFFIXES = ['', '', '', ' 2', ' EU', ' US', ' Pro', ' (beta)', ' — архив', ' 公式', ' 🔒'];

/** Returns a guild or group name. */
export function topLevelName(random: Random, platform: 'discord' | 'telegram'): string {
  const base = random.pick(platform === 'discord' ? GUILD_NAMES : GROUP_NAMES);
  return base + random.pick(SUFFIXES);
}

/** Returns a name for a Discord channel or role. */
export function childName(random: Random, kind: 'channel' | 'role'): string {
  if (kind === 'role') return random.pick(ROLE_NAMES);
  const base = random.pick(CHANNEL_NAMES);
  return random.chance(0.3) ? `${base}-${random.int(2, 9)}` : base;
}

/** Returns a new name for a rename: the old one with a different suffix, or a fresh one. */
export function renamed(random: Random, current: string, kind: string, platform: string): string {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    let next: string;
    if (kind === 'channel' && platform === 'discord') next = childName(random, 'channel');
    else if (kind === 'role') next = childName(random, 'role');
    else next = topLevelName(random, platform === 'discord' ? 'discord' : 'telegram');
    if (next !== current) return next;
  }
  return `${current} ✏️`;
}
