import { describe, expect, it } from 'vitest';
import {
  isTargetEventName,
  pingAction,
  readSystemMessage,
  subscribeAction,
  TARGET_EVENT_NAMES,
  targetPath,
  targetsPath,
  unsubscribeAction,
} from './protocol';

describe('isTargetEventName', () => {
  it.each(TARGET_EVENT_NAMES)('accepts %s', (name) => {
    expect(isTargetEventName(name)).toBe(true);
  });

  it.each(['target.created', 'message', 'TARGET.ADDED', '', 'toString', 1, null, undefined])('rejects %j', (name) => {
    expect(isTargetEventName(name)).toBe(false);
  });
});

describe('protocol actions', () => {
  it('builds subscribe actions', () => {
    expect(subscribeAction()).toEqual({ action: 'subscribe', channel: 'targets' });
    expect(unsubscribeAction()).toEqual({ action: 'unsubscribe', channel: 'targets' });
    expect(subscribeAction('payment-requests')).toEqual({ action: 'subscribe', channel: 'payment-requests' });
    expect(pingAction()).toEqual({ action: 'ping' });
  });
});

describe('readSystemMessage', () => {
  it.each([
    [{ type: 'ready' }, { type: 'ready' }],
    [{ type: 'pong', at: 5 }, { type: 'pong' }],
    [{ type: 'subscribed', channel: 'targets' }, { type: 'subscribed', channel: 'targets' }],
    [{ type: 'unsubscribed', channel: 'targets' }, { type: 'unsubscribed', channel: 'targets' }],
    [
      { type: 'error', code: 'unknown_channel', message: 'No such channel', channel: 'x' },
      { type: 'error', code: 'unknown_channel', message: 'No such channel', channel: 'x' },
    ],
    [{ type: 'error', code: 'invalid_message', message: 'Bad' }, { type: 'error', code: 'invalid_message', message: 'Bad' }],
  ])('reads %j', (input, expected) => {
    expect(readSystemMessage(input)).toEqual(expected);
  });

  it.each([
    ['unknown type', { type: 'welcome' }],
    ['subscribed without channel', { type: 'subscribed' }],
    ['error without message', { type: 'error', code: 'x' }],
    ['error with numeric code', { type: 'error', code: 1, message: 'x' }],
    ['string', 'ready'],
    ['null', null],
    ['array', ['ready']],
  ])('ignores %s', (_label, input) => {
    expect(readSystemMessage(input)).toBeUndefined();
  });
});

describe('REST paths', () => {
  it('builds the list path', () => {
    expect(targetsPath('93425026-6bb8-4f81-a75d-63f538e1a123')).toBe('/v2/projects/93425026-6bb8-4f81-a75d-63f538e1a123/targets');
  });

  it('encodes ids', () => {
    expect(targetPath('a/b', '../c')).toBe('/v2/projects/a%2Fb/targets/..%2Fc');
  });
});
