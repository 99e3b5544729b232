import cliProgress from 'cli-progress';

/** A progress bar on stderr for long jobs; silent when stderr is not a terminal. */
export function progressBar(
  label: string,
  total: number,
): { tick: (n?: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}
