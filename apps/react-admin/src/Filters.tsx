import { KNOWN_KINDS, KNOWN_PLATFORMS } from '@livetargets/core';
import type { TargetFilter } from '@livetargets/core';

/** The filter form's fields; an empty string means "any". */
export interface FilterState {
  readonly platform: string;
  readonly kind: string;
  readonly enabled: '' | 'enabled' | 'disabled';
  readonly search: string;
}

export function toTargetFilter(state: FilterState): TargetFilter {
  return {
    platform: state.platform,
    kind: state.kind,
    enabled: state.enabled === '' ? undefined : state.enabled === 'enabled',
    search: state.search,
  };
}

export function Filters({ value, onChange }: { value: FilterState; onChange: (next: FilterState) => void }) {
  return (
    <form className="lt-filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label className="lt-filter">
        Platform
        <select value={value.platform} onChange={(event) => onChange({ ...value, platform: event.target.value })}>
          <option value="">any</option>
          {KNOWN_PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
      </label>
      <label className="lt-filter">
        Kind
        <select value={value.kind} onChange={(event) => onChange({ ...value, kind: event.target.value })}>
          <option value="">any</option>
          {KNOWN_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label className="lt-filter">
        State
        <select
          value={value.enabled}
          onChange={(event) => onChange({ ...value, enabled: event.target.value as FilterState['enabled'] })}
        >
          <option value="">any</option>
          <option value="enabled">enabled</option>
          <option value="disabled">disabled</option>
        </select>
      </label>
      <label className="lt-filter">
        Name
        <input
          className="lt-search"
          type="search"
          placeholder="Search by name"
          value={value.search}
          onChange={(event) => onChange({ ...value, search: event.target.value })}
        />
      </label>
    </form>
  );
}
