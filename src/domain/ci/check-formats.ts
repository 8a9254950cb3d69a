// The output formats of `isoplan check`, from a check-run document.
import { renderCheckText } from './check-text.js';
import { toJUnitXml } from './junit.js';
import type { CheckRunDocument } from './types.js';
import { toWorkflowCommands } from './workflow-commands.js';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function renderCheck(format: CheckFormat, run: CheckRunDocument): string {
  switch (format) {
    case 'text':
      return renderCheckText(run);
    case 'json':
      return `${JSON.stringify(run, null, 2)}\n`;
    case 'junit':
      return toJUnitXml(run.report, { sha: run.head_sha, timestamp: run.completed_at });
    case 'github':
      return toWorkflowCommands(run);
  }
}
