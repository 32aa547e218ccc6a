/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createEngine } from './engine';

Comlink.expose(createEngine());
