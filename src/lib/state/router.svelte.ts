/** Hash routes (#/dashboard, #/customers, #/customers/<id>, #/import, #/datasets): work from any sub-path. */
export type Page = 'dashboard' | 'customers' | 'segments' | 'value' | 'voice' | 'strategy' | 'actions' | 'report' | 'alerts' | 'import' | 'datasets';

export interface Route {
  page: Page;
  customerId?: string;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const page = parts[0] as Page;
  if (page === 'customers' && parts[1]) return { page, customerId: safeDecode(parts.slice(1).join('/')) };
  if (page === 'customers' || page === 'datasets' || page === 'dashboard' || page === 'import' || page === 'segments' || page === 'value' || page === 'voice' || page === 'strategy' || page === 'actions' || page === 'report' || page === 'alerts') return { page };
  return { page: 'dashboard' };
}

export function routeHref(route: Route): string {
  return route.customerId !== undefined ? `#/customers/${encodeURIComponent(route.customerId)}` : `#/${route.page}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

class Router {
  #route = $state<Route>(parseRoute(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => (this.#route = parseRoute(location.hash)));
  }

  get route(): Route {
    return this.#route;
  }

  go(route: Route): void {
    const href = routeHref(route);
    if (globalThis.location && location.hash !== href) location.hash = href;
    this.#route = route;
  }
}

export const router = new Router();
