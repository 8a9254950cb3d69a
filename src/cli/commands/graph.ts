// `isoplan graph --format dot|mermaid`: the dependency graph, for Graphviz, Mermaid and whatever reads them.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { isFinished } from '../../domain/model.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { toDot, toMermaid } from '../output/graph-formats.js';

export const graphCommand: CommandFactory = (cli) =>
  new Command('graph')
    .summary('export the dependency graph as Graphviz DOT or a Mermaid flowchart')
    .description(
      'Edges point from a blocker to the issue it blocks; nodes show key and title, coloured by status.\n\n' +
        'For example: isoplan graph | dot -Tsvg > graph.svg',
    )
    .addOption(projectOption())
    .addOption(formatOption(['dot', 'mermaid']))
    .option('--open', 'only unfinished issues (and the edges between them)')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const [issues, edges] = await Promise.all([backend.issues(project), backend.dependencies(project)]);
        const nodes = options.open ? issues.filter((i) => !isFinished(i.status)) : issues;
        const kept = new Set(nodes.map((n) => n.key));
        const links = edges.filter((e) => kept.has(e.issue) && kept.has(e.blockedBy));
        const text = options.format === 'dot' ? toDot(project, nodes, links) : toMermaid(nodes, links);
        if (options.output === undefined) ctx.io.stdout.write(text);
        else await writeFile(resolve(ctx.io.cwd, options.output), text);
        return undefined;
      }),
    );
