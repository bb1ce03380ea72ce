/** True when a source under src/ or graphs/ of `root` is newer than the last build (or there is none). */
export function isStale(root: string): boolean;
/** After a successful build: the stamp says "now", whether or not tsc rewrote it. */
export function markBuilt(root: string): void;
