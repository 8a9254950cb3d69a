// The methods each route path takes, for the answer to a method it does not take: RFC 9110 §15.5.6's 405
// with the Allow header naming the ones it does, rather than a 404 saying there is no route (which sent a
// client looking for a typo in a URL that is right). Fastify answers both with its not-found handler.

/** A route's URL as Fastify takes it (`/v1/projects/:project/badges/:badge.svg`, `/assets/*`) as a RegExp. */
function patternOf(url: string): RegExp {
  let source = '';
  for (const part of url.split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)) {
    if (part === '*') source += '.*';
    else if (part.startsWith(':')) source += '[^/]+?';
    else source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface RouteMethods {
  /** Records that `url` (a route's pattern) takes `methods`. */
  add(url: string, methods: string | readonly string[]): void;
  /** The methods some route takes at `path` (a request's path, without its query), sorted; [] when none. */
  allowed(path: string): string[];
}

export function createRouteMethods(): RouteMethods {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  return {
    add(url, methods) {
      let route = routes.get(url);
      if (route === undefined) {
        route = { pattern: patternOf(url), methods: new Set() };
        routes.set(url, route);
      }
      for (const method of [methods].flat()) route.methods.add(method);
    },
    allowed(path) {
      const methods = new Set<string>();
      for (const { pattern, methods: taken } of routes.values()) {
        if (pattern.test(path)) for (const method of taken) methods.add(method);
      }
      return [...methods].sort();
    },
  };
}
