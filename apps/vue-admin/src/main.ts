import '../../shared/admin.css';
import { createApp } from 'vue';
import { createTargetsClient } from '@livetargets/core';
import { createTargetsPlugin } from '@livetargets/vue';
import App from './App.vue';
import ConfigError from './components/ConfigError.vue';
import { readConfig } from '../../shared/config';

const config = readConfig(import.meta.env);

if (config.ok) {
  const client = createTargetsClient({
    ...config.options,
    // The page lists every client error in words, so the console gets them as warnings:
    // a dropped connection the client recovers from is not a page failure.
    logger: {
      warn: (message, details) => console.warn(message, details ?? ''),
      error: (message, details) => console.warn(message, details ?? ''),
    },
  });
  createApp(App, { client }).use(createTargetsPlugin(client)).mount('#app');
} else {
  createApp(ConfigError, { missing: config.missing }).mount('#app');
}
