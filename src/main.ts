import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte';
import './app.css';

const state = new AppState();
const app = mount(App, { target: document.getElementById('app')!, props: { app: state } });

// Offline: the built app registers its service worker (not in development).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

export default app;
