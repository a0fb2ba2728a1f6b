import { useTargetsStatus } from '@livetargets/react';
import { describeError, describeStatus } from '../../shared/activity';

export function StatusBar() {
  const { status, error, lastEventAt } = useTargetsStatus();
  return (
    <header className="lt-header">
      <h1 className="lt-title">Targets</h1>
      <span className="lt-badge" data-status={status} data-testid="status" role="status">
        {status}
      </span>
      <span className="lt-status-text">{error === undefined ? describeStatus(status) : describeError(error)}</span>
      <span className="lt-last-event">
        {lastEventAt === undefined ? 'No live events yet' : `Last event at ${new Date(lastEventAt).toLocaleTimeString()}`}
      </span>
    </header>
  );
}
