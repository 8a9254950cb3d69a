// `npm run bench -- cli [runs]`: whole `isoplan` processes, as a user starts them: `isoplan --version` and
// `isoplan plan` on the demo project, run from the TypeScript sources through tsx (how bin/isoplan ran
// before the compiled start) and from the compiled JavaScript (bin/isoplan with dist/ built), with bare
// `node -e 0` as the floor. Interleaved runs; medians of wall time and of the process's own CPU time
// (user + system, reported by the child at exit: steadier than wall time on a shared machine).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/database.js';
import { loadDemoIfEmpty } from '../src/store/demo.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CPU_AT_EXIT = fileURLToPath(new URL('./cpu-at-exit.cjs', import.meta.url));

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function runOnce(argv: string[], env: NodeJS.ProcessEnv): Sample {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, ...argv], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
  const cpu = /cpu-us (\d+)\s*$/.exec(child.stderr);
  if (cpu === null) throw new Error(`${argv.join(' ')}: no CPU time reported`);
  return { wallMs, cpuMs: Number(cpu[1]) / 1000 };
}

/** dist/ as bin/isoplan wants it: no source newer than the build (else bin/isoplan would run tsx). */
function ensureBuilt(): void {
  const stamp = join(ROOT, 'dist/.build-stamp');
  if (existsSync(stamp)) {
    const args = [join(ROOT, 'src'), '-newer', stamp, '-type', 'f', '-not', '-path', '*/generated/*'];
    if (spawnSync('find', args, { encoding: 'utf8' }).stdout.trim() === '') return;
  }
  console.log('dist/ is missing or older than src/: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 15);
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-cli-'));
  const databaseUrl = `file:${join(dir, 'demo.db')}`;
  const database = await openDatabase({ url: databaseUrl, migrate: true });
  await loadDemoIfEmpty(database.stores);
  await database.close();
  const env = { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' };

  const commands: Array<[string, string[]]> = [
    ['--version', ['--version']],
    ['plan (demo)', ['plan', '--project', 'per-interpreter-gil']],
  ];
  const variants: Array<[string, (args: string[]) => string[]]> = [
    ['tsx (sources)', (a) => ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), ...a]],
    ['compiled (bin/isoplan)', (a) => [join(ROOT, 'bin/isoplan'), ...a]],
  ];
  try {
    const floor: Sample[] = [];
    const samples = new Map<string, Sample[]>();
    for (let i = 0; i < 2; i++)
      for (const [, v] of variants) for (const [, c] of commands) runOnce(v(c), env); // warm caches
    for (let i = 0; i < runs; i++) {
      floor.push(runOnce(['-e', '0'], env));
      for (const [vName, v] of variants) {
        for (const [cName, c] of commands) {
          const key = `${cName}|${vName}`;
          samples.set(key, [...(samples.get(key) ?? []), runOnce(v(c), env)]);
        }
      }
    }
    const f = { wall: median(floor.map((s) => s.wallMs)), cpu: median(floor.map((s) => s.cpuMs)) };
    console.log(
      `${runs} runs each, interleaved; medians. Floor: node -e 0 ${f.wall.toFixed(0)} ms wall, ${f.cpu.toFixed(0)} ms CPU`,
    );
    for (const [cName] of commands) {
      const of = (vName: string) => {
        const s = samples.get(`${cName}|${vName}`)!;
        return { wall: median(s.map((x) => x.wallMs)), cpu: median(s.map((x) => x.cpuMs)) };
      };
      const [tsx, compiled] = variants.map(([vName]) => of(vName)) as [typeof f, typeof f];
      for (const [vName] of variants) {
        const m = of(vName);
        console.log(
          `isoplan ${cName.padEnd(12)} ${vName.padEnd(24)} ${m.wall.toFixed(0).padStart(5)} ms wall  ${m.cpu.toFixed(0).padStart(5)} ms CPU`,
        );
      }
      console.log(
        `isoplan ${cName.padEnd(12)} compiled / tsx: ${(compiled.wall / tsx.wall).toFixed(2)} wall, ${(compiled.cpu / tsx.cpu).toFixed(2)} CPU;` +
          ` above the floor: ${((compiled.wall - f.wall) / (tsx.wall - f.wall)).toFixed(2)} wall`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
