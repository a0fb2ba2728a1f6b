import { describe, expect, it, vi } from 'vitest';
import { isTargetsError, TargetsError } from './errors';

describe('TargetsError', () => {
  it('prefixes the message', () => {
    const error = new TargetsError('destroyed', 'The client was destroyed.');
    expect(error.message).toBe('[livetargets] The client was destroyed.');
    expect(new TargetsError('destroyed', '[livetargets] Already prefixed.').message).toBe('[livetargets] Already prefixed.');
  });

  it('carries code and details', () => {
    const cause = new Error('socket hang up');
    const issues = [{ path: ['target', 'target_id'], message: 'expected a UUID' }];
    const error = new TargetsError('invalid-payload', 'Invalid payload.', {
      issues,
      eventName: 'target.added',
      eventId: 'evt-1',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TargetsError');
    expect(error.code).toBe('invalid-payload');
    expect(error.issues).toEqual(issues);
    expect(error.eventName).toBe('target.added');
    expect(error.eventId).toBe('evt-1');
    expect(error.cause).toBe(cause);
  });

  it('defaults empty details', () => {
    const error = new TargetsError('connection-failed', 'Lost the connection.');
    expect(error.issues).toEqual([]);
    expect(error.eventName).toBeUndefined();
    expect(error.eventId).toBeUndefined();
    expect('cause' in error).toBe(false);
  });
});

describe('isTargetsError', () => {
  it('accepts an instance', () => {
    expect(isTargetsError(new TargetsError('unauthorized', 'Rejected token.'))).toBe(true);
  });

  it.each([
    ['plain Error', new Error('x')],
    ['look-alike without brand', Object.assign(new Error('x'), { name: 'TargetsError', code: 'unauthorized' })],
    ['brand not true', { [Symbol.for('livetargets.TargetsError')]: 'yes' }],
    ['local symbol brand', { [Symbol('livetargets.TargetsError')]: true }],
    ['null', null],
    ['string', 'TargetsError'],
    ['undefined', undefined],
  ])('rejects %s', (_label, value) => {
    expect(isTargetsError(value)).toBe(false);
  });

  it('accepts another bundle copy', async () => {
    vi.resetModules();
    const copy = await import('./errors');
    expect(copy.TargetsError).not.toBe(TargetsError);

    const foreign = new copy.TargetsError('server-error', 'From the other copy.');
    expect(foreign).not.toBeInstanceOf(TargetsError);
    expect(isTargetsError(foreign)).toBe(true);
    expect(copy.isTargetsError(new TargetsError('server-error', 'From this copy.'))).toBe(true);
  });

  it('accepts a structural brand', () => {
    const branded = Object.defineProperty(new Error('x'), Symbol.for('livetargets.TargetsError'), { value: true });
    expect(isTargetsError(branded)).toBe(true);
  });
});
