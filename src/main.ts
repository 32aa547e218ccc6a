import { mount } from 'svelte';
import App from './App.svelte';
import { Workspace } from './lib/state/workspace.svelte';
import './app.css';

const ws = new Workspace();
const app = mount(App, { target: document.getElementById('app')!, props: { ws } });

// Offline: the built app registers its service worker (not in development).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

export default app;
