import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { isTargetsError } from '@livetargets/core';
import ClientProvider from './__fixtures__/ClientProvider.svelte';
import TargetName from './__fixtures__/TargetName.svelte';
import { createFakeStore, snapshot, updatedEvent } from './__fixtures__/fake-client';
import { setTargetsClient } from './index';

describe('targets client context', () => {
  it('shares the client with children', () => {
    const client = createFakeStore([snapshot('a', 'Alpha')]);
    render(ClientProvider, { client, id: 'a' });

    expect(screen.getByTestId('name').textContent).toBe('Alpha');
    client.apply(updatedEvent(snapshot('a', 'Alpha renamed')));
    flushSync();

    expect(screen.getByTestId('name').textContent).toBe('Alpha renamed');
  });

  it('throws without a client', () => {
    let caught: unknown;
    try {
      render(TargetName, { id: 'a' });
    } catch (error) {
      caught = error;
    }

    expect(isTargetsError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^\[livetargets\] getTargetsClient\(\) found no targets client/);
    expect((caught as Error).message).toContain('setTargetsClient(');
  });

  it('rejects a value that is not a client', () => {
    expect(() => setTargetsClient(null as never)).toThrow(/setTargetsClient\(\) expected a targets client/);
  });
});
