// `isoplan done KEY`: mark an issue done, and say which blocked issues it frees (ready now).
import { Command } from '@commander-js/extra-typings';
import { isFinished } from '../../domain/model.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { issueHeading, issueTable } from '../output/issue-text.js';
import { changeStatus, freedBy } from '../status-change.js';

export const doneCommand: CommandFactory = (cli) =>
  new Command('done')
    .summary('mark an issue done, and list the issues that are ready because of it')
    .argument('<key>', 'the issue')
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { before, after, changed } = await changeStatus(backend, project, key, 'done');
        const issues = await backend.issues(project);
        const byKey = new Map(issues.map((i) => [i.key, i]));
        // Nothing more is freed when it was finished already (won't do).
        const ready = changed && !isFinished(before.status) ? freedBy(key, issues) : [];
        if (options.format === 'json') {
          ctx.json({ ...after, nowReady: ready });
          return undefined;
        }
        ctx.note(
          issueHeading(
            ctx.style,
            { ...after, status: 'done' },
            ctx.width,
            changed ? 'finished' : 'already finished:',
          ),
        );
        if (ready.length > 0) {
          ctx.note(
            `Ready now (${ready.length}):`,
            ...issueTable(
              ready.map((k) => byKey.get(k)!),
              ctx.style,
              ctx.width - 2,
            ).map((l) => `  ${l}`),
          );
        }
        return undefined;
      }),
    );
