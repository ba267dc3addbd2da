#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `posthouse` bin: stdio of this process, exit code from the command. Pipes and files are
// written synchronously on POSIX, so exiting right away loses no output. No top-level await:
// the build also emits this file as CommonJS.
void runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => process.exit(code));
