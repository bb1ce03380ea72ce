/**
 * What every trace of this package says about itself: LangSmith metadata and tags, so runs
 * can be filtered by extractor, model, endpoint host, filter type (on each branch, see
 * workflow/build.ts) and package version. Never a credential: the host only, no user info.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunSettings } from "../settings/run.js";

export const PACKAGE_NAME = "recipe-filters";

/** This package's version, from the nearest package.json named recipe-filters (source tree, dist/ or node_modules). */
function readPackageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    } catch {
      // No readable package.json here; look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

export const PACKAGE_VERSION = readPackageVersion();

/** The host (and port) of an endpoint, without user info, path or query. */
export function endpointHost(endpoint: string | null): string | null {
  if (!endpoint) return null;
  const withoutUserInfo = endpoint.replace(/^(\w+:\/\/)[^/?#@]*@/, "$1");
  return URL.canParse(withoutUserInfo) ? new URL(withoutUserInfo).host : null;
}

/** Metadata for the root run of one query. */
export function runMetadata(run: RunSettings): Record<string, string | null> {
  return {
    extractor: run.extractor,
    model: run.model,
    base_url_host: endpointHost(run.endpoint),
    package_version: PACKAGE_VERSION,
  };
}

/** Tags for the root run of one query; callers add their own (the evaluation adds "eval"). */
export function runTags(run: RunSettings): string[] {
  return [PACKAGE_NAME, `extractor:${run.extractor}`];
}
