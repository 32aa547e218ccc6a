/** "Mask personal data" for projectors and shared screens; remembered in this browser. */
const KEY = 'cswb.mask';

class Privacy {
  #mask = $state(readMask());

  get mask(): boolean {
    return this.#mask;
  }

  set mask(value: boolean) {
    this.#mask = value;
    try {
      globalThis.localStorage?.setItem(KEY, value ? '1' : '0');
    } catch {
      // not remembered: still applies to this page
    }
  }
}

function readMask(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const privacy = new Privacy();
