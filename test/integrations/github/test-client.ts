// The GitHub client the tests use: the real one (octokit with its plugins) pointed at a FakeGithub, with
// the plugins' waits shortened through their own options (a rate limit's "seconds" become milliseconds,
// writes are not spaced a second apart) rather than by sleeping.
import Bottleneck from 'bottleneck';
import {
  createGithubClient,
  type GithubClient,
  type GithubClientOptions,
  type GithubCredentials,
} from '../../../src/integrations/github/github-client.js';
import type { FakeGithub } from './fake-github.js';

export function testGithubClient(
  fake: FakeGithub,
  credentials: GithubCredentials = { kind: 'none' },
  options: Partial<GithubClientOptions> = {},
): GithubClient {
  return createGithubClient({
    apiUrl: fake.url,
    credentials,
    throttle: {
      retryAfterBaseValue: 1,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    },
    retry: { retryAfterBaseValue: 1 },
    ...options,
  });
}
