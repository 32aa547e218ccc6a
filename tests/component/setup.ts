// Each component test starts in English with nothing remembered.
import { beforeEach } from 'vitest';
import { i18n } from '../../src/lib/i18n/i18n.svelte';

beforeEach(() => {
  localStorage.clear();
  i18n.locale = 'en';
});
