// API tokens: the list shows everything but the secret (its last four characters); the secret appears in
// the answer to POST /v1/tokens only.
import { z } from 'zod';
import type { ApiToken } from '../../domain/access/api-token.js';
import { NewTokenSchema, ScopeSchema, TokenNameSchema } from '../../domain/access/new-token.js';
import type { IssuedToken } from '../../services/token-service.js';
import { pageOf, SlugSchema, TimestampSchema } from './common.js';

export const TokenCreateSchema = NewTokenSchema.meta({ id: 'TokenCreate' });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: TokenNameSchema,
    scope: ScopeSchema,
    project: SlugSchema.nullable().describe('The one project the token may see; null for any'),
    lastFour: z.string().describe("The token's last four characters, to tell tokens apart"),
    createdBy: z.string().describe('The actor that created the token'),
    createdAt: TimestampSchema,
    expiresAt: TimestampSchema,
    lastUsedAt: TimestampSchema.nullable().describe('To the minute; null when never used'),
    revokedAt: TimestampSchema.nullable(),
    revokedBy: z
      .string()
      .nullable()
      .describe(
        'The actor that revoked the token; null while it is not revoked (or when it was revoked before revokers were recorded)',
      ),
  })
  .meta({ id: 'Token' });

export const CreatedTokenSchema = z
  .object({
    id: z.string(),
    name: TokenNameSchema,
    scope: ScopeSchema,
    project: SlugSchema.nullable(),
    expiresAt: TimestampSchema,
    token: z.string().describe('The secret (`isp_…`): shown in this answer only, never again'),
  })
  .meta({ id: 'CreatedToken' });

export const TokenPageSchema = pageOf(TokenSchema).meta({ id: 'TokenPage' });

export const TokenParamsSchema = z.object({ id: z.string().min(1).max(20).describe('The token id') });

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function toTokenResponse(token: ApiToken): z.infer<typeof TokenSchema> {
  return {
    ...token,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
  };
}

export function toCreatedTokenResponse({ token, secret }: IssuedToken): z.infer<typeof CreatedTokenSchema> {
  const { id, name, scope, project } = token;
  return { id, name, scope, project, expiresAt: token.expiresAt.toISOString(), token: secret };
}
