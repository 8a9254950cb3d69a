// GitHub Actions workflow commands for a check run: one `::error`, `::warning` or `::notice` line per
// annotation (the runner turns them into annotations on the run), then a plain closing line.
//
// Escaping follows @actions/core (toolkit/packages/core/src/command.ts): in the message, `%`, CR and LF
// become %25, %0D and %0A; in a property value, also `:` and `,` become %3A and %2C. Without it a
// newline in a message would end the command and let the next line be read as a command of its own.
import type { AnnotationLevel, CheckRunDocument } from './types.js';

const COMMAND: Record<AnnotationLevel, 'error' | 'warning' | 'notice'> = {
  failure: 'error',
  warning: 'warning',
  notice: 'notice',
};

export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::<command> k=v,k=v::message`, escaped. */
export function workflowCommand(
  command: string,
  properties: Record<string, string>,
  message: string,
): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeCommandProperty(v)}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeCommandData(message)}`;
}

export function toWorkflowCommands(run: CheckRunDocument): string {
  const lines = run.output.annotations.map((a) =>
    workflowCommand(COMMAND[a.annotation_level], { title: a.title }, a.message),
  );
  lines.push(`${run.name}: ${run.conclusion}: ${run.output.title}`.replace(/[\r\n]+/g, ' '));
  return `${lines.join('\n')}\n`;
}
