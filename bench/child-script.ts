// A benchmark's client as a script run by `node -e` in a child process of its own (so that the server being
// measured keeps its event loop to itself), answering one JSON value on its standard output.
import { spawn } from 'node:child_process';

export function runChildScript<T>(script: string, args: string[], name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${name} exited with ${code}`));
      else resolve(JSON.parse(out) as T);
    });
  });
}
