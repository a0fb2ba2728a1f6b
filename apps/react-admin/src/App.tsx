import { useCallback, useMemo, useState } from 'react';
import { filterTree, flattenTree, sameRows } from '@livetargets/core';
import type { TargetFilter, TargetsView } from '@livetargets/core';
import { useTargets, useTargetsClient } from '@livetargets/react';
import { createActivityFeed } from '../../shared/activity';
import { ActivityPanel } from './ActivityPanel';
import { Counts } from './Counts';
import { Filters, toTargetFilter } from './Filters';
import type { FilterState } from './Filters';
import { StatusBar } from './StatusBar';
import { TargetTable } from './TargetTable';

const NO_FILTER: FilterState = { platform: '', kind: '', enabled: '', search: '' };

export function App() {
  const client = useTargetsClient();
  // The feed needs no destroy() call, because it stops following the client when its last listener unmounts.
  const feed = useMemo(() => createActivityFeed(client), [client]);
  const [filterState, setFilterState] = useState<FilterState>(NO_FILTER);
  const filter: TargetFilter = useMemo(() => toTargetFilter(filterState), [filterState]);
  const selectRows = useCallback((view: TargetsView) => flattenTree(filterTree(view.tree, filter)), [filter]);
  const rows = useTargets(selectRows, sameRows);

  return (
    <div className="lt-app">
      <StatusBar />
      <Counts />
      <Filters value={filterState} onChange={setFilterState} />
      <main className="lt-main">
        <TargetTable rows={rows} feed={feed} />
        <ActivityPanel feed={feed} />
      </main>
    </div>
  );
}
