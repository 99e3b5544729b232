import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI from source, as a user would, against the database in `env`. */
export function schakel(args: string[], env: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SCHAKEL_USER: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts a long-running CLI command (such as `serve`) and lets a test wait for what it prints. */
export function startSchakel(
  args: string[],
  env: Record<string, string>,
): {
  child: ChildProcess;
  waitFor: (pattern: RegExp) => Promise<string>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SCHAKEL_USER: '', ...env },
  });
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr);
        if (match) resolve(match[1] ?? match[0]);
      };
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        check();
      });
      void exit.then((code) =>
        reject(new Error(`exited ${code} before printing ${pattern}: ${stderr}`)),
      );
    });
  return { child, waitFor, exit };
}
