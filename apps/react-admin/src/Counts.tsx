import { countTargets } from '@livetargets/core';
import type { TargetCounts, TargetsView } from '@livetargets/core';
import { useTargets } from '@livetargets/react';

const selectCounts = (view: TargetsView): TargetCounts => countTargets(view.list);

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="lt-count">
      <dt className="lt-count-label">{label}</dt>
      <dd className="lt-count-value">{value}</dd>
    </div>
  );
}

export function Counts() {
  const counts = useTargets(selectCounts);
  return (
    <dl className="lt-counts" data-testid="counts">
      <Count label="targets" value={counts.total} />
      <Count label="enabled" value={counts.enabled} />
      <Count label="disabled" value={counts.disabled} />
      {Object.entries(counts.byPlatform).map(([platform, value]) => (
        <Count key={`platform-${platform}`} label={platform} value={value} />
      ))}
      {Object.entries(counts.byKind).map(([kind, value]) => (
        <Count key={`kind-${kind}`} label={`${kind}s`} value={value} />
      ))}
    </dl>
  );
}
