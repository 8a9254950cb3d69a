// `isoplan sim catalog`: the simulator's runtime state components with their CPython 3.8 and 3.12+
// placements, as GET /v1/sim/catalog answers them.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, UsageError } from '../command.js';
import { renderTable } from '../output/table.js';

export const simCatalogCommand: CommandFactory = (cli) =>
  new Command('catalog')
    .summary("list the simulator's runtime state components and their placements")
    .description('The JSON format is the document GET /v1/sim/catalog answers.')
    .option('--kind <kind>', 'only components of this kind, e.g. free-list')
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const catalog = await (await ctx.simulator()).simCatalog();
        const { kind } = options;
        const components =
          kind === undefined ? catalog.components : catalog.components.filter((c) => c.kind === kind);
        if (kind !== undefined && components.length === 0) {
          const kinds = [...new Set(catalog.components.map((c) => c.kind))].join(', ');
          throw new UsageError(`no component of kind '${kind}'; kinds: ${kinds}`);
        }
        if (options.format === 'json') {
          ctx.json(kind === undefined ? catalog : { components });
          return undefined;
        }
        const header = { id: 'component', kind: 'kind', placement38: '3.8', placement312: '3.12+' };
        // The component first, never cut: ids run to 70 characters (global:Modules/…); one that does not
        // fit beside the placements takes a line of its own, its placements under it (table.ts).
        const lines = renderTable(
          [header, ...components],
          [
            { text: (c) => c.id, style: (t, c) => (c === header ? ctx.style.bold(t) : t), ownLine: true },
            { text: (c) => c.placement38 },
            {
              text: (c) => (c === header ? c.placement312 : `-> ${c.placement312}`),
              style: (t) => ctx.style.cyan(t),
            },
            { text: (c) => c.kind, style: (t) => ctx.style.dim(t) },
          ],
          ctx.width,
        );
        ctx.print(...lines, `${components.length} components`);
        return undefined;
      }),
    );
