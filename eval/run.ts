#!/usr/bin/env node
// `npm run eval`: the real process handed to main() (eval/program.ts).
import { main } from "./program.js";

const { stdout, stderr } = process;
const code = await main(process.argv.slice(2), { stdout, stderr, env: process.env, cwd: process.cwd() });
process.exitCode = code;
// A keep-alive socket or a client timer must not hold the process open once eval is done.
setTimeout(() => process.exit(code), 1000).unref();
