// Deploying beyond one machine: the LangGraph CLI turns langgraph.json into the Dockerfile
// of a LangGraph server image (LangGraph Platform or self-hosted, Postgres + Redis behind it).
// Generated into a temporary directory; no Docker engine is needed or used.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT, scrubbedEnv } from "./support/cli.js";

const config = JSON.parse(readFileSync(join(ROOT, "langgraph.json"), "utf8"));

describe("langgraphjs dockerfile", () => {
  let dir: string;
  let dockerfile: string[];
  let repoBefore: string[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "recipe-filters-docker-"));
    repoBefore = readdirSync(ROOT).sort();
    const run = spawnSync(
      join(ROOT, "node_modules", ".bin", "langgraphjs"),
      ["dockerfile", join(dir, "Dockerfile"), "--config", join(ROOT, "langgraph.json")],
      {
        cwd: dir,
        env: { ...scrubbedEnv(), LANGGRAPH_CLI_NO_ANALYTICS: "1" },
        encoding: "utf8",
      },
    );
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    dockerfile = readFileSync(join(dir, "Dockerfile"), "utf8").trim().split("\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("builds on the LangGraph JS server image for langgraph.json's Node version", () => {
    assert.equal(dockerfile[0], `FROM langchain/langgraphjs-api:${config.node_version}`);
  });

  it("copies the project, installs from the lockfile and serves langgraph.json's graphs from there", () => {
    const workdir = `/deps/${basename(ROOT)}`;
    assert.ok(dockerfile.includes(`ADD . ${workdir}`), dockerfile.join("\n"));
    assert.ok(dockerfile.includes(`WORKDIR ${workdir}`));
    assert.ok(dockerfile.includes("RUN npm ci"), "npm ci: the versions package-lock.json pins");
    const graphs = dockerfile.find((line) => line.startsWith("ENV LANGSERVE_GRAPHS="));
    assert.ok(graphs);
    assert.deepEqual(JSON.parse(graphs.slice("ENV LANGSERVE_GRAPHS=".length).replace(/^'|'$/g, "")), config.graphs);
    assert.deepEqual(config.graphs, { recipe_filters: "./graphs/recipe-filters.ts:graph" });
  });

  it("writes nothing into the repository", () => assert.deepEqual(readdirSync(ROOT).sort(), repoBefore));

  it(".dockerignore keeps local installs, builds, dev-server state and secrets out of `ADD .`", () => {
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["node_modules", "dist", ".env", ".langgraph_api", ".git"])
      assert.ok(ignored.includes(entry), entry);
  });
});
