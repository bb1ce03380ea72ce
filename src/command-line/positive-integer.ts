import { InvalidArgumentError } from "commander";

/** A commander argument parser for counts such as --concurrency: a usage error unless a whole number ≥ 1. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("must be a positive integer");
  return Number(value);
}
