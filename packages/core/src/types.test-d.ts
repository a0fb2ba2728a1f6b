import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { TargetsError, TargetsErrorCode } from './errors';
import {
  parseTargetEvent,
  type targetListPageSchema,
  type targetRemovedEventSchema,
  type targetSnapshotEventSchema,
  type targetSnapshotSchema,
} from './schema';
import type {
  Target,
  TargetEvent,
  TargetKind,
  TargetListPage,
  TargetPlatform,
  TargetRemovedEvent,
  TargetSnapshot,
  TargetSnapshotEvent,
} from './types';

describe('TargetPlatform', () => {
  it('accepts documented and new values', () => {
    expectTypeOf<'discord'>().toExtend<TargetPlatform>();
    expectTypeOf<'telegram'>().toExtend<TargetPlatform>();
    expectTypeOf<'slack'>().toExtend<TargetPlatform>();
    expectTypeOf<string>().toExtend<TargetPlatform>();
    expectTypeOf<number>().not.toExtend<TargetPlatform>();
  });

  it('keeps the documented literals', () => {
    expectTypeOf<Extract<TargetPlatform, 'discord' | 'telegram'>>().toEqualTypeOf<'discord' | 'telegram'>();
    expectTypeOf<Extract<TargetKind, 'guild' | 'group' | 'channel' | 'role'>>().toEqualTypeOf<
      'guild' | 'group' | 'channel' | 'role'
    >();
  });
});

describe('parseTargetEvent result', () => {
  it('narrows on ok', () => {
    const result = parseTargetEvent('target.added', {});
    if (result.ok) {
      expectTypeOf(result.event).toEqualTypeOf<TargetEvent>();
      expectTypeOf(result.error).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<TargetsError>();
      expectTypeOf(result.error.code).toEqualTypeOf<TargetsErrorCode>();
      expectTypeOf(result.event).toEqualTypeOf<undefined>();
    }
  });
});

describe('TargetEvent', () => {
  it('narrows on type', () => {
    const narrow = (event: TargetEvent) => {
      if (event.type === 'target.removed') {
        expectTypeOf(event).toEqualTypeOf<TargetRemovedEvent>();
        expectTypeOf(event.target_id).toBeString();
      } else {
        expectTypeOf(event).toEqualTypeOf<TargetSnapshotEvent>();
        expectTypeOf(event.target).toEqualTypeOf<TargetSnapshot>();
        expectTypeOf(event.type).toEqualTypeOf<'target.added' | 'target.enabled' | 'target.disabled' | 'target.updated'>();
      }
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<TargetEvent>();
  });

  it('has no snapshot on removal', () => {
    expectTypeOf<TargetRemovedEvent>().not.toHaveProperty('target');
  });
});

describe('Target', () => {
  it('has plain optional counts', () => {
    expectTypeOf<Target['plan_count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TargetSnapshot['plan_count']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Target['external_id']>().toEqualTypeOf<string>();
  });
});

describe('schema types', () => {
  it('match the snapshot type', () => {
    expectTypeOf<z.output<typeof targetSnapshotSchema>>().toExtend<TargetSnapshot>();
    expectTypeOf<TargetSnapshot>().toExtend<z.output<typeof targetSnapshotSchema>>();
  });

  it('match the event types', () => {
    type SnapshotWire = Omit<TargetSnapshotEvent, 'type'> & { channel: 'targets' };
    expectTypeOf<z.output<typeof targetSnapshotEventSchema>>().toExtend<SnapshotWire>();
    expectTypeOf<SnapshotWire>().toExtend<z.output<typeof targetSnapshotEventSchema>>();

    type RemovedWire = Omit<TargetRemovedEvent, 'type'> & { channel: 'targets' };
    expectTypeOf<z.output<typeof targetRemovedEventSchema>>().toExtend<RemovedWire>();
    expectTypeOf<RemovedWire>().toExtend<z.output<typeof targetRemovedEventSchema>>();
  });

  it('match the list page type', () => {
    expectTypeOf<z.output<typeof targetListPageSchema>>().toExtend<TargetListPage>();
  });
});
