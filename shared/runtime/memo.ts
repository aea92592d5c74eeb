/**
 * A value built at its first use and kept for the life of the instance (a cold start builds it once). A build
 * that fails (throws or rejects: a configuration error, a secret that cannot be read) is not kept: the next call
 * builds again.
 */
export function memo<T>(build: () => T | Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (value === undefined) {
      const attempt = Promise.resolve().then(build);
      value = attempt;
      attempt.catch(() => {
        if (value === attempt) value = undefined;
      });
    }
    return value;
  };
}
