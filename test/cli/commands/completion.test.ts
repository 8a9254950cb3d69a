// `isoplan completion`: the scripts are generated from the command tree; the bash one is run in bash.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { capturedIo } from '../cli-harness.js';

async function script(shell: string): Promise<string> {
  const io = capturedIo('/tmp');
  expect(await main(['completion', shell], io)).toBe(0);
  return io.out();
}

/** What bash completes for the words typed so far (the last one being completed). */
function complete(bashScript: string, words: string[]): string[] {
  const program = `${bashScript}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_isoplan; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
}

describe('isoplan completion', () => {
  it('bash: completes commands, subcommands, options and option choices', async () => {
    const bash = await script('bash');
    execFileSync('bash', ['-n', '-c', bash]);
    expect(complete(bash, ['isoplan', 're'])).toEqual(['ready', 'reopen']);
    expect(complete(bash, ['isoplan', 'sim', ''])).toEqual(expect.arrayContaining(['run', 'catalog']));
    expect(complete(bash, ['isoplan', 'dep', 'a'])).toEqual(['add']);
    expect(complete(bash, ['isoplan', 'plan', '--f'])).toEqual(['--format']);
    expect(complete(bash, ['isoplan', 'graph', '--format', ''])).toEqual(['dot', 'mermaid']);
    expect(complete(bash, ['isoplan', 'check', '-f', 'j'])).toEqual(['json', 'junit']);
    // After an option that takes a free value, and for a file argument: the shell's default (files).
    expect(complete(bash, ['isoplan', 'ready', '--project', ''])).toEqual([]);
    expect(complete(bash, ['isoplan', 'sim', 'run', 'ex'])).toEqual([]);
  });

  it('zsh loads the bash completion through bashcompinit; fish gets one complete line per name', async () => {
    expect(await script('zsh')).toContain('autoload -U +X bashcompinit && bashcompinit');
    const fish = await script('fish');
    expect(fish).toContain(
      "complete -c isoplan -n '__fish_use_subcommand' -a 'ready' -d 'what can start now",
    );
    expect(fish).toContain(
      "complete -c isoplan -n '__fish_seen_subcommand_from graph' -s f -l format -x -a 'dot mermaid'",
    );
  });

  it('refuses an unknown shell with exit 2', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['completion', 'tcsh'], io)).toBe(2);
    expect(io.err()).toContain('Allowed choices are bash, zsh, fish');
  });
});
