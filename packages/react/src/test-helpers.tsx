import { createTargetsClient } from '@livetargets/core';
import type { TargetsClient, TargetsClientOptions } from '@livetargets/core';
import type { Gateway } from '@livetargets/gateway-sim';
import type { ReactNode } from 'react';
import { TargetsProvider } from './context';

/** Creates clients against one gateway and destroys them all in `destroyAll()`. */
export function clientFactory(getGateway: () => Gateway) {
  const clients: TargetsClient[] = [];
  return {
    create(options: Partial<TargetsClientOptions> = {}): TargetsClient {
      const gateway = getGateway();
      const client = createTargetsClient({
        url: gateway.url,
        apiUrl: gateway.apiUrl,
        projectId: gateway.projectId,
        token: gateway.token,
        publish: 'sync',
        graceMs: 100,
        retryBaseMs: 50,
        retryMaxMs: 200,
        logger: {},
        ...options,
      });
      clients.push(client);
      return client;
    },
    destroyAll(): void {
      for (const client of clients.splice(0)) client.destroy();
    },
  };
}

export function withClient(client: TargetsClient) {
  return function Wrapper({ children }: { children?: ReactNode }) {
    return <TargetsProvider client={client}>{children}</TargetsProvider>;
  };
}

/** Collects console.error calls so a test can assert that React logged nothing. */
export function captureConsoleErrors(): { messages: () => string[]; restore: () => void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => {
    calls.push(args);
  };
  return {
    messages: () => calls.map((args) => args.map(String).join(' ')),
    restore: () => {
      console.error = original;
    },
  };
}
