import { useEffect, useState } from 'react';
import { describeError, describeEvent, describeReconcile } from '@livetargets/core';
import { useTargetsClient } from '@livetargets/react';

const MAX_EVENTS = 20;
const MAX_ERRORS = 5;

interface LogEntry {
  readonly key: number;
  readonly time: number;
  readonly text: string;
}

let nextKey = 0;

function prepend(list: readonly LogEntry[], text: string, max: number): LogEntry[] {
  nextKey += 1;
  return [{ key: nextKey, time: Date.now(), text }, ...list].slice(0, max);
}

function Log({ entries, className, itemClassName }: { entries: readonly LogEntry[]; className: string; itemClassName: string }) {
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

export function ActivityPanel() {
  const client = useTargetsClient();
  const [events, setEvents] = useState<LogEntry[]>([]);
  const [errors, setErrors] = useState<LogEntry[]>([]);

  useEffect(() => {
    const eventSubscription = client.events$.subscribe((event) => {
      // events$ emits before the view with the event is published, so the snapshot still has the old target.
      const targetId = event.type === 'target.removed' ? event.target_id : event.target.target_id;
      const text = describeEvent(event, client.getSnapshot().targets.get(targetId));
      setEvents((list) => prepend(list, text, MAX_EVENTS));
    });
    const reconcileSubscription = client.reconciled$.subscribe((report) => {
      setEvents((list) => prepend(list, describeReconcile(report), MAX_EVENTS));
    });
    const errorSubscription = client.errors$.subscribe((error) => {
      setErrors((list) => prepend(list, describeError(error), MAX_ERRORS));
    });
    return () => {
      eventSubscription.unsubscribe();
      reconcileSubscription.unsubscribe();
      errorSubscription.unsubscribe();
    };
  }, [client]);

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
