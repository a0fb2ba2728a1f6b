/**
 * Names, paths and limits of the BotSubscription live-updates protocol, in one
 * place. The gateway simulator imports this module too, so a difference found
 * against the real gateway is fixed here once.
 */

/** Production gateway URL, namespace included. The default `url` of the client. */
export const PRODUCTION_GATEWAY_URL = 'https://api.botsubscription.com/v2/live-updates';

/** Production REST base URL. */
export const PRODUCTION_API_URL = 'https://api.botsubscription.com';

/** Socket.IO namespace of the live-updates gateway. */
export const GATEWAY_NAMESPACE = '/v2/live-updates';

/** Socket.IO HTTP path of the live-updates gateway. */
export const GATEWAY_SOCKET_PATH = '/v2/live-updates/socket.io/';

/**
 * Maximum size in bytes of one inbound packet, the CONNECT packet with its
 * `auth` object included. The gateway drops a connection that sends more, before `ready`.
 */
export const MAX_PACKET_BYTES = 4096;

/** Channel that carries target events. */
export const TARGETS_CHANNEL = 'targets';

/** Socket.IO event that carries system messages from the server and actions from the client. */
export const MESSAGE_EVENT = 'message';

/** Names of the broadcast events of the `targets` channel. */
export const TARGET_EVENT_NAMES = [
  'target.added',
  'target.removed',
  'target.enabled',
  'target.disabled',
  'target.updated',
] as const;

/** Name of one broadcast event of the `targets` channel. */
export type TargetEventName = (typeof TARGET_EVENT_NAMES)[number];

/** Returns whether `name` is one of the `targets` channel's broadcast event names. */
export function isTargetEventName(name: unknown): name is TargetEventName {
  return typeof name === 'string' && (TARGET_EVENT_NAMES as readonly string[]).includes(name);
}

/** Platforms the vendor documents. Others are accepted as plain strings. */
export const KNOWN_PLATFORMS = ['discord', 'telegram'] as const;

/** Target kinds the vendor documents. Others are accepted as plain strings. */
export const KNOWN_KINDS = ['guild', 'group', 'channel', 'role'] as const;

/** Action sent by the client with `socket.emit('message', action)`. */
export type ClientAction =
  | { readonly action: 'subscribe'; readonly channel: string }
  | { readonly action: 'unsubscribe'; readonly channel: string }
  | { readonly action: 'ping' };

/** Builds the action that subscribes to `channel` (default `targets`). */
export function subscribeAction(channel: string = TARGETS_CHANNEL): ClientAction {
  return { action: 'subscribe', channel };
}

/** Builds the action that unsubscribes from `channel` (default `targets`). */
export function unsubscribeAction(channel: string = TARGETS_CHANNEL): ClientAction {
  return { action: 'unsubscribe', channel };
}

/** Builds the `ping` action; the server replies with a `pong` system message. */
export function pingAction(): ClientAction {
  return { action: 'ping' };
}

/** System message sent by the server on the `message` event; its `type` names it. */
export type SystemMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'subscribed'; readonly channel: string }
  | { readonly type: 'unsubscribed'; readonly channel: string }
  | {
      readonly type: 'error';
      readonly code: string;
      readonly message: string;
      readonly channel?: string;
    }
  | { readonly type: 'pong' };

/** Error codes the gateway simulator sends in `error` system messages. */
export const SYSTEM_ERROR_CODES = {
  unknownChannel: 'unknown_channel',
  unknownAction: 'unknown_action',
  invalidMessage: 'invalid_message',
} as const;

/**
 * Reads a system message. Returns `undefined` for anything that is not an
 * object with a known `type` and the fields that type requires, because
 * unknown system messages are ignored.
 */
export function readSystemMessage(value: unknown): SystemMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  switch (record.type) {
    case 'ready':
      return { type: 'ready' };
    case 'pong':
      return { type: 'pong' };
    case 'subscribed':
    case 'unsubscribed':
      return typeof record.channel === 'string'
        ? { type: record.type, channel: record.channel }
        : undefined;
    case 'error': {
      if (typeof record.code !== 'string' || typeof record.message !== 'string') return undefined;
      return typeof record.channel === 'string'
        ? { type: 'error', code: record.code, message: record.message, channel: record.channel }
        : { type: 'error', code: record.code, message: record.message };
    }
    default:
      return undefined;
  }
}

/** Path of the REST list of a project's targets. */
export function targetsPath(projectId: string): string {
  return `/v2/projects/${encodeURIComponent(projectId)}/targets`;
}

/** Path of one target in the REST API. */
export function targetPath(projectId: string, targetId: string): string {
  return `${targetsPath(projectId)}/${encodeURIComponent(targetId)}`;
}

/** Largest page the built-in REST reader requests. */
export const DEFAULT_PAGE_SIZE = 500;
