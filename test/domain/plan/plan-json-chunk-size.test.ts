import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../../src/domain/plan/compute-plan.js';
import { planDocument } from '../../../src/domain/plan/plan-document.js';
import { planJsonChunks } from '../../../src/domain/plan/plan-json.js';
import { planIssue } from './project-arbitrary.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('planJsonChunks with a chunk size of zero', () => {
  it('ends, with the whole text, instead of yielding empty chunks for ever', () => {
    const analysis = analyzePlan({
      issues: [planIssue('a', 'open', 1), planIssue('b', 'open', 1)],
      edges: [{ issue: 'b', blockedBy: 'a' }],
    });
    const chunks: string[] = [];
    for (const chunk of planJsonChunks(analysis, 0)) {
      chunks.push(text(chunk));
      if (chunks.length > 10_000) break; // a writer that makes no progress
    }
    expect(chunks.join('')).toBe(JSON.stringify(planDocument(analysis)));
  });
});
