/** Resolves after `ms` on the global timer (sinon's fake clock in tests). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
