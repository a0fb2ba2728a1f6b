import { memo, useSyncExternalStore } from 'react';
import type { TargetRow as Row, TargetsView } from '@livetargets/core';
import { useTarget, useTargets } from '@livetargets/react';
import { formatCount, type ActivityFeed } from '../../shared/activity';

function CountCell({ count }: { count: number | undefined }) {
  return <td className={count === undefined ? 'lt-number lt-unknown' : 'lt-number'}>{formatCount(count)}</td>;
}

const TargetRow = memo(function TargetRow({ id, depth, matches, feed }: Row & { feed: ActivityFeed }) {
  const target = useTarget(id);
  // A boolean snapshot, so a row re-renders only when its own highlight starts or ends.
  const changed = useSyncExternalStore(feed.subscribe, () => feed.getSnapshot().highlighted.has(id));

  if (target === undefined) return null;
  const className = [
    'lt-row',
    matches ? '' : 'lt-row--context',
    target.is_enabled ? '' : 'lt-row--disabled',
    changed ? 'lt-row--changed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <tr className={className} data-target-id={id}>
      <td className="lt-name" style={{ '--depth': depth } as React.CSSProperties} title={target.target_name}>
        {target.target_name}
      </td>
      <td>{target.platform}</td>
      <td>{target.kind}</td>
      <td className="lt-external-id">{target.external_id}</td>
      <td className="lt-enabled" data-enabled={String(target.is_enabled)}>
        {target.is_enabled ? 'enabled' : 'disabled'}
      </td>
      <CountCell count={target.plan_count} />
      <CountCell count={target.participant_count} />
    </tr>
  );
});

const selectTotal = (view: TargetsView) => view.targets.size;

export function TargetTable({ rows, feed }: { rows: readonly Row[]; feed: ActivityFeed }) {
  const total = useTargets(selectTotal);
  return (
    <table className="lt-table" data-testid="targets">
      <thead>
        <tr>
          <th>Name</th>
          <th>Platform</th>
          <th>Kind</th>
          <th>External id</th>
          <th>State</th>
          <th className="lt-number">Plans</th>
          <th className="lt-number">Participants</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td className="lt-empty" colSpan={7}>
              {total === 0 ? 'No targets yet.' : 'No targets match.'}
            </td>
          </tr>
        ) : (
          rows.map((row) => <TargetRow key={row.id} id={row.id} depth={row.depth} matches={row.matches} feed={feed} />)
        )}
      </tbody>
    </table>
  );
}
