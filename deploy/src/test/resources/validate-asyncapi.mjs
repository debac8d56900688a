// Parses an AsyncAPI document with @asyncapi/parser and prints every diagnostic; exits 1 when
// the document has an error (or any warning, since the catalogue is meant to be clean).
// Usage: node validate-asyncapi.mjs <node_modules> <document>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [modules, documentPath] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'noop.js'));
const { Parser, DiagnosticSeverity } = require('@asyncapi/parser');

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(documentPath, 'utf8'), {
  source: documentPath,
});
const severities = ['error', 'warning', 'information', 'hint'];
for (const diagnostic of diagnostics) {
  console.log(`${severities[diagnostic.severity]} ${diagnostic.code} at ${diagnostic.path.join('.')}: ${diagnostic.message}`);
}
const blocking = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
if (!document || blocking.length > 0) {
  process.exit(1);
}
const summary = document.channels().all().map((channel) =>
  `${channel.address()}: ${channel.messages().all().map((message) => message.name()).join(' ')}`);
console.log(`parsed AsyncAPI ${document.version()}`);
summary.forEach((line) => console.log(line));
