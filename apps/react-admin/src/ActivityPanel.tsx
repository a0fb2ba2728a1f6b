import { useSyncExternalStore } from 'react';
import type { ActivityEntry, ActivityFeed } from '../../shared/activity';

function Log({ entries, className, itemClassName }: { entries: readonly ActivityEntry[]; className: string; itemClassName: string }) {
  return (
    <ul className={className}>
      {entries.map((entry) => (
        <li key={entry.key} className={itemClassName}>
          <span className="lt-log-time">{new Date(entry.time).toLocaleTimeString()}</span>
          {entry.text}
        </li>
      ))}
    </ul>
  );
}

export function ActivityPanel({ feed }: { feed: ActivityFeed }) {
  const { events, errors } = useSyncExternalStore(feed.subscribe, feed.getSnapshot);

  return (
    <aside className="lt-panel">
      <section className="lt-section" data-testid="events">
        <h2>Latest events</h2>
        {events.length === 0 ? <p className="lt-empty">No events yet.</p> : <Log entries={events} className="lt-log" itemClassName="lt-log-item" />}
      </section>
      <section className="lt-section" data-testid="errors">
        <h2>Errors</h2>
        {errors.length === 0 ? <p className="lt-empty">No errors.</p> : <Log entries={errors} className="lt-errors" itemClassName="lt-error" />}
      </section>
    </aside>
  );
}
