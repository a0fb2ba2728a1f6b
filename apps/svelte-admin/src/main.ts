import '../../shared/admin.css';
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('[livetargets] index.html has no #app element to mount the admin screen into.');

mount(App, { target });
