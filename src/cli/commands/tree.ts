// `isoplan tree [KEY]`: the issues as their parent tree, each parent with the progress of its sub-issues
// (finished of total, counted through nested sub-issues as the plan counts them).
import { Command } from '@commander-js/extra-typings';
import { type Issue, type Plan, planWithIssues } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { statusMark } from '../output/issue-text.js';
import { type Style, widthOf } from '../output/style.js';
import { truncate } from '../output/table.js';

type Progress = Plan['progress']['byParent'][string];

export interface TreeNode {
  key: string;
  title: string;
  status: Issue['status'];
  /** Of its sub-issues, for an issue that has some. */
  progress?: Progress;
  children: TreeNode[];
}

/** The forest of `issues` by parent (children in key order), or the subtree under `root`. */
export function buildTree(
  issues: readonly Issue[],
  byParent: Plan['progress']['byParent'],
  root?: string,
): TreeNode[] {
  const children = new Map<string | null, Issue[]>();
  for (const issue of issues) {
    const siblings = children.get(issue.parent) ?? [];
    siblings.push(issue);
    children.set(issue.parent, siblings);
  }
  const node = (issue: Issue): TreeNode => ({
    key: issue.key,
    title: issue.title,
    status: issue.status,
    ...(byParent[issue.key] === undefined ? {} : { progress: byParent[issue.key] }),
    children: (children.get(issue.key) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1)).map(node),
  });
  if (root !== undefined) return issues.filter((i) => i.key === root).map(node);
  return (children.get(null) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1)).map(node);
}

function bar(style: Style, p: Progress): string {
  const width = 10;
  const filled = p.percentByCount === null ? 0 : Math.round((p.percentByCount / 100) * width);
  return `[${style.green('#'.repeat(filled))}${style.dim('.'.repeat(width - filled))}] ${p.finished}/${p.total}`;
}

/** One line per issue, drawn with box characters on a terminal and ASCII elsewhere. */
export function renderTree(forest: readonly TreeNode[], style: Style, width: number): string[] {
  const [tee, elbow, pipe, blank] = style.symbols
    ? ['├─ ', '└─ ', '│  ', '   ']
    : ['|- ', '`- ', '|  ', '   '];
  const lines: string[] = [];
  const visit = (node: TreeNode, lead: string, branch: string) => {
    const head = `${lead}${branch}${statusMark(style, node.status)} ${style.bold(node.key)}`;
    const tail = node.progress === undefined ? '' : `  ${bar(style, node.progress)}`;
    const room = width - widthOf(head) - widthOf(tail) - 2;
    const under = lead + (branch === tee ? pipe : branch === elbow ? blank : '');
    if (room >= 8) lines.push(`${head}  ${truncate(node.title, room)}${tail}`);
    else {
      // A key too long to leave the title room: the title on the next line, under the mark (the tree's
      // line going on beside it to the children), so that no line runs past the terminal but the key's.
      const beside = `${under}${node.children.length > 0 ? pipe.slice(0, 1) : ' '} `;
      lines.push(`${head}${tail}`, `${beside}${truncate(node.title, Math.max(8, width - widthOf(beside)))}`);
    }
    node.children.forEach((child, i) => {
      visit(child, under, i === node.children.length - 1 ? elbow : tee);
    });
  };
  for (const root of forest) visit(root, '', '');
  return lines;
}

export const treeCommand: CommandFactory = (cli) =>
  new Command('tree')
    .summary('the issues as their parent tree, with the progress of each parent')
    .argument('[key]', 'only this issue and its sub-issues')
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        if (key !== undefined) await backend.issue(project, key); // an unknown key is an error, not an empty tree
        const { plan, issues } = await planWithIssues(backend, project);
        const forest = buildTree(issues, plan.progress.byParent, key);
        if (options.format === 'json') ctx.json(forest);
        else ctx.print(...renderTree(forest, ctx.style, ctx.width));
        return undefined;
      }),
    );
