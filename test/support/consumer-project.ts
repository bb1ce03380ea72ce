/**
 * A fresh project outside the repo that depends on the packed tarball, installed offline:
 * its lockfile is the repo's own production tree (every entry not marked dev) plus the
 * tarball, so `npm ci --prefer-offline` takes every package from the local npm cache that
 * the repo's own `npm ci` filled (the registry only for a package missing from a cleaned
 * cache, at the locked version and integrity), and the test never depends on what the
 * registry would resolve today.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ROOT, scrubbedEnv } from "./cli.js";

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [field: string]: unknown;
}

export interface Command {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program with the scrubbed environment (no key, no LangSmith settings of the developer's). */
export function run(program: string, args: string[], cwd: string): Promise<Command> {
  const child = spawn(program, args, { cwd, env: scrubbedEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** `npm pack` of the repo (its `prepare` script builds dist/ first); the tarball's path and file list. */
export async function packRepo(destination: string): Promise<{ tarball: string; files: string[] }> {
  const packed = await run("npm", ["pack", "--json", "--pack-destination", destination], ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [manifest] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  return { tarball: join(destination, manifest.filename), files: manifest.files.map((f: { path: string }) => f.path) };
}

/** A new project in a temporary folder with the tarball installed; returns its folder. */
export async function installIntoFreshProject(tarball: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-consumer-"));
  const repoLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const spec = `file:${basename(tarball)}`;
  writeFileSync(join(dir, basename(tarball)), readFileSync(tarball));
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries<LockEntry>(repoLock.packages)) {
    if (!path.startsWith("node_modules/") || entry.dev) continue;
    const { devOptional, ...rest } = entry;
    packages[path] = devOptional ? { ...rest, optional: true } : rest;
  }
  const manifest = { name: "consumer", private: true, type: "module", dependencies: { [pkg.name]: spec } };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(dir, "package-lock.json"),
    `${JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  const installed = await run("npm", ["ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], dir);
  if (installed.code !== 0) throw new Error(`npm ci --prefer-offline failed:\n${installed.stderr}`);
  return dir;
}
