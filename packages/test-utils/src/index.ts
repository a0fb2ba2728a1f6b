export * from './fixtures';
export * from './wait';
export * from './browser';
export * from './app-server';
export * from './admin-suite';
export * from './fake-socket';
