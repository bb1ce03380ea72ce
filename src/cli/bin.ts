#!/usr/bin/env node
// The `recipe-filters` command: the real process handed to main(). The tracing variables are
// read from a copy, then taken out of the process environment, so that LangChain adds no
// default tracer of its own beside the CLI's (which redacts keys and counts deliveries).
import { TRACING_FLAGS } from "../tracing/langsmith-settings.js";
import { quietLibraryConsole } from "./library-console.js";
import { exitWhenWritten, holdProcessOpen } from "./process-lifetime.js";
import { main } from "./program.js";

const env = { ...process.env };
for (const flag of TRACING_FLAGS) delete process.env[flag];
quietLibraryConsole();
const release = holdProcessOpen();
const { stdin, stdout, stderr } = process;
const code = await main(process.argv.slice(2), { stdin, stdout, stderr, env, cwd: process.cwd(), signals: process });
release();
exitWhenWritten(code);
