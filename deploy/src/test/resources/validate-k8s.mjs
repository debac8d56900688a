// Validates Kubernetes objects against the API's JSON schemas, with no cluster: every object
// of a multi-document YAML file (kubectl kustomize's output) by the model class of its
// apiVersion and kind in the npm package kubernetes-models.
//
//   node validate-k8s.mjs <node_modules directory> <file.yaml>
//
// Prints one line per problem, "<kind>/<name>: <problem>", and exits with 1 if there is any.
// An apiVersion or kind the package does not know is a problem, never skipped. The schemas do
// not refuse fields they do not list, so a field that the schema's validator never looks at
// (a misspelt `readinesProbe`) is reported as unknown, too.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [modules, file] = process.argv.slice(2);
if (!modules || !file) {
	console.error("usage: node validate-k8s.mjs <node_modules directory> <file.yaml>");
	process.exit(2);
}
// the packages are installed in the build's tools directory, not next to this script
const require = createRequire(join(modules, "validate-k8s.cjs"));
const YAML = require("yaml");

const problems = [];
const documents = YAML.parseAllDocuments(readFileSync(file, "utf8"));
for (const document of documents) {
	if (document.errors.length > 0) {
		document.errors.forEach((error) => problems.push(`${file}: ${error.message}`));
		continue;
	}
	const object = document.toJS();
	if (object == null) {
		continue;
	}
	const name = `${object.kind}/${object.metadata?.name}`;
	const model = modelOf(object);
	if (typeof model === "string") {
		problems.push(`${name}: ${model}`);
		continue;
	}
	const read = [];
	try {
		model.prototype.validate.call(tracked(object, "", read));
	}
	catch (error) {
		(error.errors ?? [{ instancePath: "", message: error.message }])
			.forEach((detail) => problems.push(`${name}: ${detail.instancePath || "/"} ${detail.message}`));
		continue;
	}
	const unknown = read.filter((node) => !node.read.has(node.key)).map((node) => node.path);
	unknown.filter((path) => !unknown.some((outer) => path.startsWith(outer + ".") || path.startsWith(outer + "[")))
		.forEach((path) => problems.push(`${name}: ${path} is not a field of ${object.apiVersion} ${object.kind}`));
}
problems.forEach((problem) => console.log(problem));
console.log(`${documents.length} objects, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);

// the model class, or why there is none
function modelOf(object) {
	if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
		return "no apiVersion or kind";
	}
	let group;
	try {
		group = require(`kubernetes-models/${object.apiVersion}`);
	}
	catch (error) {
		return `unknown apiVersion ${object.apiVersion}`;
	}
	const model = group[object.kind];
	// the package also exports the parts of objects (DeploymentSpec): only whole objects count
	if (typeof model !== "function" || model.kind !== object.kind || model.apiVersion !== object.apiVersion) {
		return `unknown kind ${object.kind} in ${object.apiVersion}`;
	}
	return model;
}

// A copy of the value whose objects record which of their fields the validator reads; a field
// it never reads is one the schema does not have. Reading an object's keys (a map such as
// labels) counts as reading all of them.
function tracked(value, path, nodes) {
	if (Array.isArray(value)) {
		return value.map((item, index) => tracked(item, `${path}[${index}]`, nodes));
	}
	if (value === null || typeof value !== "object") {
		return value;
	}
	const read = new Set();
	const copy = {};
	for (const [key, item] of Object.entries(value)) {
		copy[key] = tracked(item, path ? `${path}.${key}` : key, nodes);
		nodes.push({ key, path: path ? `${path}.${key}` : key, read });
	}
	return new Proxy(copy, {
		get(target, key, receiver) {
			read.add(key);
			return Reflect.get(target, key, receiver);
		},
		ownKeys(target) {
			Object.keys(target).forEach((key) => read.add(key));
			return Reflect.ownKeys(target);
		},
	});
}
