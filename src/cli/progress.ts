import cliProgress from 'cli-progress';

/**
 * Progress of a long job on stderr: a bar on a terminal, and a plain line every few seconds when
 * stderr is a log file or a pipe (CI, cron), so a long job is never silent.
 */
export function progressBar(
  label: string,
  total: number,
): {
  tick: (n?: number) => void;
  update: (value: number, total?: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) {
    let value = 0;
    let last = Date.now();
    const started = last;
    const line = () =>
      process.stderr.write(
        `${label}: ${value}/${total} (${total ? Math.round((100 * value) / total) : 0}%, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    const maybe = () => {
      if (Date.now() - last >= 3000) {
        last = Date.now();
        line();
      }
    };
    return {
      tick: (n = 1) => {
        value += n;
        maybe();
      },
      update: (v, t) => {
        value = v;
        if (t !== undefined) total = t;
        maybe();
      },
      stop: () => {
        if (Date.now() - started >= 3000) line();
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (n = 1) => bar.increment(n),
    update: (v, t) => {
      if (t !== undefined) bar.setTotal(t);
      bar.update(v);
    },
    stop: () => bar.stop(),
  };
}
