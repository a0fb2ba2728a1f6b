import { useCallback, useMemo, useState } from 'react';
import { filterTree, flattenTree, sameRows } from '@livetargets/core';
import type { TargetFilter, TargetsView } from '@livetargets/core';
import { useTargets } from '@livetargets/react';
import { ActivityPanel } from './ActivityPanel';
import { Counts } from './Counts';
import { Filters, toTargetFilter } from './Filters';
import type { FilterState } from './Filters';
import { StatusBar } from './StatusBar';
import { TargetTable } from './TargetTable';

const NO_FILTER: FilterState = { platform: '', kind: '', enabled: '', search: '' };

export function App() {
  const [filterState, setFilterState] = useState<FilterState>(NO_FILTER);
  const filter: TargetFilter = useMemo(() => toTargetFilter(filterState), [filterState]);
  const selectRows = useCallback((view: TargetsView) => flattenTree(filterTree(view.tree, filter)), [filter]);
  const rows = useTargets(selectRows, sameRows);

  return (
    <div className="lt-app">
      <StatusBar />
      <Counts />
      <Filters value={filterState} onChange={setFilterState} />
      <div className="lt-main">
        <TargetTable rows={rows} />
        <ActivityPanel />
      </div>
    </div>
  );
}
