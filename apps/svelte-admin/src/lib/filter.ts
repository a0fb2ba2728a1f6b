import type { TargetFilter } from '@livetargets/core';

/** Values of the filter form, where an empty string means "any". */
export interface FilterForm {
  platform: string;
  kind: string;
  enabled: '' | 'enabled' | 'disabled';
  search: string;
}

export const EMPTY_FILTER: FilterForm = { platform: '', kind: '', enabled: '', search: '' };

/** Converts the form's values to the core's `TargetFilter`. */
export function toTargetFilter(form: FilterForm): TargetFilter {
  return {
    platform: form.platform || undefined,
    kind: form.kind || undefined,
    enabled: form.enabled === '' ? undefined : form.enabled === 'enabled',
    search: form.search,
  };
}

/** Returns the documented values followed by any others seen, without duplicates. */
export function optionValues(known: readonly string[], seen: Iterable<string>): string[] {
  return [...new Set([...known, ...seen])];
}
