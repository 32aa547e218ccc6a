import { mount } from 'svelte';
import App from './App.svelte';
import { Workspace } from './lib/state/workspace.svelte';
import './app.css';

const ws = new Workspace();
const app = mount(App, { target: document.getElementById('app')!, props: { ws } });

export default app;
