/** Progress of a long loop on a stream: a live line on a terminal, one line at the end otherwise. */
export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly done: (message: string) => void;
}

const REDRAW_MS = 100;

/** Creates the progress reporter for one labelled task. */
export function createProgress(label: string, stream: NodeJS.WriteStream): Progress {
  let lastDraw = 0;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && done !== total) return;
      lastDraw = now;
      stream.write(`\r${label}: ${done}/${total} bars (${Math.floor((done / Math.max(total, 1)) * 100)}%)`);
    },
    done(message) {
      stream.write(`${stream.isTTY ? '\r\x1b[K' : ''}${label}: ${message}\n`);
    },
  };
}
