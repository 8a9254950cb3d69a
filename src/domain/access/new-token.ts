// What a new token may be: a name (the audit trail's actor), a scope, an optional project it is limited
// to, and a lifetime (90 days unless said, at most 366, as GitHub caps fine-grained tokens at a year).
// One schema, parsed by the API (POST /v1/tokens) and the CLI (`isoplan token create`).
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { jsonPath, ProjectSlugSchema } from '../project-document.js';
import { HIDDEN_IN_ACTOR, RESERVED_ACTORS } from './actors.js';
import { looksLikeActor, mixedScripts } from './confusable-names.js';
import { SCOPES } from './scope.js';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;

export const TokenNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(100, 'must be at most 100 characters')
  // `search`, not `test`: it leaves the /g pattern's lastIndex as it was.
  .refine((name) => name.search(HIDDEN_IN_ACTOR) === -1, {
    message:
      'must not contain control characters or invisible ones (bidirectional overrides, zero-width space) that would make it display as another name',
  })
  .refine((name) => !RESERVED_ACTORS.some((actor) => looksLikeActor(name, actor)), {
    message: `must not be, or look like, one of the service's own actors (${RESERVED_ACTORS.join(', ')})`,
  })
  .superRefine((name, ctx) => {
    const scripts = mixedScripts(name);
    if (scripts !== null)
      ctx.addIssue({
        code: 'custom',
        message: `must not mix the letters of ${scripts.join(', ')} (look-alike letters of another script make it display as another name)`,
      });
  })
  .describe('Who acts with the token: the actor of the audit trail');

export const ScopeSchema = z
  .enum(SCOPES)
  .describe(
    '`read` (GETs, what-if), `write` (also issues, dependencies, imports, validations), `admin` (also projects and tokens)',
  );

export const ExpiresInDaysSchema = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`)
  .describe(`Days until the token expires (default ${DEFAULT_TOKEN_DAYS}, at most ${MAX_TOKEN_DAYS})`);

export const NewTokenSchema = z.strictObject({
  name: TokenNameSchema,
  scope: ScopeSchema,
  project: ProjectSlugSchema.nullable()
    .optional()
    .describe('The one project the token may see; any project when absent'),
  expiresInDays: ExpiresInDaysSchema.optional(),
});

export type NewToken = z.infer<typeof NewTokenSchema>;

/** The new token `input` describes; InvalidInputError listing every problem (`name`, `expiresInDays`…). */
export function parseNewToken(input: unknown): NewToken {
  const parsed = NewTokenSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
  throw new InvalidInputError(
    `the token request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
  );
}

const DAY_MS = 86_400_000;

/** When a token created at `now` for `days` (default 90) expires. */
export function tokenExpiry(now: Date, days: number = DEFAULT_TOKEN_DAYS): Date {
  return new Date(now.getTime() + days * DAY_MS);
}
