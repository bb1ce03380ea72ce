import { InvalidArgumentError } from "commander";

/** A commander parser for a whole number from `min` to `max`: anything else is a usage error, said in words. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    if (n > max) throw new InvalidArgumentError(`must be at most ${max}`);
    return n;
  };
}

/** A commander argument parser for counts such as --limit: a usage error unless a whole number ≥ 1. */
export const positiveInteger = wholeNumber(1);
