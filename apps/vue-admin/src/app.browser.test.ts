import { fileURLToPath } from 'node:url';
import { describeAdminApp } from '@livetargets/test-utils';

describeAdminApp({
  name: 'vue-admin',
  root: fileURLToPath(new URL('..', import.meta.url)),
  outputDir: fileURLToPath(new URL('../test-output/', import.meta.url)),
});
