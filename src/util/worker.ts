import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread from a module beside the caller: the compiled JavaScript when it is
 * there, or, when running from source under tsx (tests, benchmarks), the TypeScript source loaded
 * through tsx's loader, which a worker thread does not inherit.
 */
export function startWorker(
  moduleUrl: URL,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const js = new URL(moduleUrl.href.replace(/\.ts$/, '.js'));
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData, resourceLimits });
  const ts = moduleUrl.href.replace(/\.js$/, '.ts');
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`,
    { eval: true, workerData, resourceLimits },
  );
}
