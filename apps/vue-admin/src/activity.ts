import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import type { TargetsClient } from '@livetargets/core';
import { createActivityFeed, type ActivityFeedOptions, type ActivitySnapshot } from '../../shared/activity';

export type { ActivityEntry } from '../../shared/activity';

/** Formats epoch ms as a local time in the browser's locale, as the React and Svelte apps do. */
export function formatTime(time: number): string {
  return new Date(time).toLocaleTimeString();
}

/**
 * Creates an activity feed for `client` and follows it until the calling scope
 * is disposed, which destroys the feed.
 */
export function useActivity(client: TargetsClient, options?: ActivityFeedOptions): Readonly<ShallowRef<ActivitySnapshot>> {
  const feed = createActivityFeed(client, options);
  const activity = shallowRef(feed.getSnapshot());
  feed.subscribe(() => {
    activity.value = feed.getSnapshot();
  });
  onScopeDispose(() => feed.destroy());
  return activity;
}
