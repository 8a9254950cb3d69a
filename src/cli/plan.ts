// `isoplan plan --project SLUG [--format text|json]`: the project's plan, through the
// same plan service as GET /v1/projects/:project/plan.
import { loadConfig } from '../config.js';
import { defineCommand, EXIT, UsageError } from './command.js';
import { formatPlanText } from './plan-text.js';

const FORMATS = ['text', 'json'] as const;

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'Print the plan of a project: progress, waves, ready/blocked, critical path',
  usage: 'plan --project SLUG [--format text|json]',
  details: 'The JSON format is the document GET /v1/projects/SLUG/plan answers.',
  options: {
    project: { type: 'string', short: 'p' },
    format: { type: 'string', short: 'f', default: 'text' },
  },
  optionHelp: { project: 'slug of the project to plan', format: 'text (default) or json' },
  required: ['project'],
  async run({ values }, io) {
    const format = values.format as string;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
    }
    const config = loadConfig(io.env, io.cwd);
    // Loaded on use: --help and bad usage stay fast without Prisma.
    const { withServices } = await import('./services.js');
    const { plan } = await withServices(config, (services) => services.plans.plan(values.project as string));
    const width = (io.stdout as { columns?: number }).columns;
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanText(plan, { width: width ?? 80 }),
    );
    return EXIT.ok;
  },
});
