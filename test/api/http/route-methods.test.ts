import { describe, expect, it } from 'vitest';
import { createRouteMethods } from '../../../src/api/http/route-methods.js';

describe('route methods', () => {
  const routes = createRouteMethods();
  routes.add('/v1/projects/:project', ['GET', 'HEAD']);
  routes.add('/v1/projects/:project', 'PATCH');
  routes.add('/v1/projects/:project/badges/:badge.svg', 'GET');
  routes.add('/assets/*', 'GET');

  it('gathers the methods of a path, sorted, from every route that takes it', () => {
    expect(routes.allowed('/v1/projects/demo')).toEqual(['GET', 'HEAD', 'PATCH']);
  });

  it('takes one segment for a parameter, and the literal after it', () => {
    expect(routes.allowed('/v1/projects/demo/badges/ready.svg')).toEqual(['GET']);
    expect(routes.allowed('/v1/projects/demo/badges/ready.png')).toEqual([]);
    expect(routes.allowed('/v1/projects/a/b')).toEqual([]);
    expect(routes.allowed('/v1/projects/')).toEqual([]);
  });

  it('takes anything for a wildcard', () => {
    expect(routes.allowed('/assets/vendor/x.js')).toEqual(['GET']);
  });

  it('reads a dot in a pattern as a dot', () => {
    expect(routes.allowed('/v1/projects/demo/badges/readyxsvg')).toEqual([]);
  });
});
