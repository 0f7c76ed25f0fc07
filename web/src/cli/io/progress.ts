// A one-line progress display on stderr, shown only when stderr is a terminal.

export interface Progress {
  update(lines: number, bytes: number): void;
  done(): void;
}

const quiet: Progress = { update() {}, done() {} };

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/** `totalBytes` (the input file's size) enables a percentage and an ETA. */
export function createProgress(stream: NodeJS.WriteStream, totalBytes?: number): Progress {
  if (!stream.isTTY) return quiet;
  const start = Date.now();
  let last = 0;
  const draw = (lines: number, bytes: number) => {
    const seconds = (Date.now() - start) / 1000;
    const rate = seconds > 0 ? lines / seconds : 0;
    let text = `${lines.toLocaleString('en-US')} lines · ${Math.round(rate).toLocaleString('en-US')}/s`;
    if (totalBytes) {
      const share = Math.min(1, bytes / totalBytes);
      const width = 24;
      const filled = Math.round(share * width);
      const eta = share > 0 ? (seconds / share) * (1 - share) : Infinity;
      text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% · ${text} · ETA ${formatSeconds(eta)}`;
    }
    stream.write(`\r${text}\x1b[K`);
  };
  return {
    update(lines, bytes) {
      const now = Date.now();
      if (now - last < 150) return;
      last = now;
      draw(lines, bytes);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
