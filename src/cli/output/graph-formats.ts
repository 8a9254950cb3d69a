// The dependency graph for other tools: Graphviz DOT (https://graphviz.org/doc/info/lang.html) and Mermaid
// flowcharts (https://mermaid.js.org/syntax/flowchart.html). Edges point from a blocker to what it blocks
// (the order work flows in), left to right; each node shows its key and title and is coloured by status.
// Pure.
import type { DependencyEdge, Issue } from '../backend/backend.js';

type Node = Pick<Issue, 'key' | 'title' | 'status'>;

const FILL: Record<Issue['status'], string> = {
  open: '#ffffff',
  in_progress: '#fde68a',
  done: '#bbf7d0',
  wont_do: '#e5e7eb',
};

/** A DOT string literal: backslashes and quotes escaped, newlines as \n. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

export function toDot(name: string, nodes: readonly Node[], edges: readonly DependencyEdge[]): string {
  const lines = [
    `digraph ${dotString(name)} {`,
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
  ];
  for (const n of nodes) {
    const label = dotString(`${n.key}\n${n.title}`);
    const dashed = n.status === 'wont_do' ? ', fontcolor="#6b7280"' : '';
    lines.push(`  ${dotString(n.key)} [label=${label}, fillcolor="${FILL[n.status]}"${dashed}];`);
  }
  for (const e of edges) lines.push(`  ${dotString(e.blockedBy)} -> ${dotString(e.issue)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Mermaid text in a quoted node label, which must stay on its line and inside its quotes: quotes, `#` and
 * markup as entity codes; line breaks (CR, LF, CRLF, U+2028, U+2029) as `<br/>`; other control
 * characters (tabs among them) as spaces.
 */
function mermaidText(text: string): string {
  return text
    .replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/\r\n|[\n\r\u2028\u2029]/g, '<br/>')
    .replace(/\p{Cc}/gu, ' ');
}

export function toMermaid(nodes: readonly Node[], edges: readonly DependencyEdge[]): string {
  // Keys hold characters Mermaid ids do not (`.`, `:`): nodes are n0, n1, ... labelled with the key.
  const id = new Map(nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    lines.push(`  ${id.get(n.key)}["${mermaidText(n.key)}<br/>${mermaidText(n.title)}"]:::${n.status}`);
  }
  for (const e of edges) {
    const from = id.get(e.blockedBy);
    const to = id.get(e.issue);
    if (from !== undefined && to !== undefined) lines.push(`  ${from} --> ${to}`);
  }
  for (const [status, fill] of Object.entries(FILL)) {
    lines.push(`  classDef ${status} fill:${fill},stroke:#6b7280,color:#111827`);
  }
  return `${lines.join('\n')}\n`;
}
