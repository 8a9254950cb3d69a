// Shell completion scripts for bash, zsh and fish, generated from the command tree (so they never go stale):
// command and subcommand names, each command's options, and the choices of options that have them; file
// names elsewhere. Static: completing runs no isoplan process. Pure.

export interface CompletionOption {
  /** `-f`, `--format`. */
  flags: string[];
  description: string;
  takesValue: boolean;
  choices?: readonly string[];
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Every command with its path of names from the root (`[]` for the root). */
function walk(root: CompletionCommand): Array<{ path: string[]; command: CompletionCommand }> {
  const out: Array<{ path: string[]; command: CompletionCommand }> = [];
  const visit = (command: CompletionCommand, path: string[]) => {
    out.push({ path, command });
    for (const sub of command.subcommands) visit(sub, [...path, sub.name]);
  };
  visit(root, []);
  return out;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(root: CompletionCommand): string {
  const all = walk(root);
  const paths = all.filter((c) => c.path.length > 0).map((c) => `" ${c.path.join(' ')}"`);
  const words = all.map(({ path, command }) => {
    const list = [
      ...command.subcommands.map((s) => s.name),
      ...command.options.flatMap((o) => o.flags),
      '--help',
    ].join(' ');
    return `    "${path.map((p) => ` ${p}`).join('')}") words=${quote(list)} ;;`;
  });
  // After an option that takes a value: its choices, or the shell's default (file names).
  const values = all.flatMap(({ path, command }) =>
    command.options
      .filter((o) => o.takesValue)
      .map((o) => {
        const patterns = o.flags.map((flag) => `"${path.map((p) => ` ${p}`).join('')}:${flag}"`).join('|');
        const reply = o.choices ? `COMPREPLY=($(compgen -W ${quote(o.choices.join(' '))} -- "$cur")); ` : '';
        return `    ${patterns}) ${reply}return ;;`;
      }),
  );
  return `# isoplan completion for bash. Load it now:   eval "$(isoplan completion bash)"
# or for every shell:  isoplan completion bash > ~/.local/share/bash-completion/completions/isoplan
_isoplan() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" i w words
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$path $w" in
      ${paths.join('|')}) path="$path $w" ;;
    esac
  done
  case "$path:$prev" in
${values.join('\n')}
  esac
  case "$path" in
${words.join('\n')}
  esac
  # Nothing matching (an argument such as a file): the shell's default completion.
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _isoplan isoplan
`;
}

function zsh(root: CompletionCommand): string {
  return `# isoplan completion for zsh. Load it now:   eval "$(isoplan completion zsh)"
# or add that line to ~/.zshrc.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(root).split('\n').slice(2).join('\n')}`;
}

function fish(root: CompletionCommand): string {
  const lines = [
    '# isoplan completion for fish:  isoplan completion fish > ~/.config/fish/completions/isoplan.fish',
    'complete -c isoplan -f',
  ];
  for (const { path, command } of walk(root)) {
    // The condition: the last word of the path seen (fish's usual approximation for nested commands).
    const at =
      path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${path[path.length - 1]}`;
    for (const sub of command.subcommands) {
      lines.push(`complete -c isoplan -n ${quote(at)} -a ${quote(sub.name)} -d ${quote(sub.description)}`);
    }
    for (const option of command.options) {
      const names = option.flags
        .map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`))
        .join(' ');
      const value = option.choices
        ? ` -x -a ${quote(option.choices.join(' '))}`
        : option.takesValue
          ? ' -r -F'
          : '';
      lines.push(`complete -c isoplan -n ${quote(at)} ${names}${value} -d ${quote(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, root: CompletionCommand): string {
  switch (shell) {
    case 'bash':
      return bash(root);
    case 'zsh':
      return zsh(root);
    case 'fish':
      return fish(root);
  }
}
