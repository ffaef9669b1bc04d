// Runs a Node.js CLI in this process and exits when the given parent process is gone, so an emulator started by a
// test run or by scripts/run.sh never outlives it (no orphan node processes, even after kill -9 of the parent).
// Usage: node exit-with-parent.js <parentPid> <script.js> [args...]
"use strict";
const [, , parentPid, script, ...args] = process.argv;
const pid = parseInt(parentPid, 10);
if (!pid || !script) {
  console.error("usage: exit-with-parent.js <parentPid> <script.js> [args...]");
  process.exit(2);
}
setInterval(() => {
  try {
    process.kill(pid, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
process.argv = [process.argv[0], script, ...args];
require(require("path").resolve(script));
