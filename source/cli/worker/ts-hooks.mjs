// Module hooks for running the TypeScript sources in a worker thread, where vitest's transform
// does not reach: `./x.js` imports resolve to `./x.ts` (or .tsx) when only the source exists, and
// .ts/.tsx files are compiled one by one, types stripped, not checked. The compiler is esbuild,
// the one vitest itself compiles with (it comes with vitest); the project's TypeScript if not.
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const compile = await (async () => {
	try {
		const esbuild = await import('esbuild');
		return async (source, path) =>
			(
				await esbuild.transform(source, {
					loader: path.endsWith('.tsx') ? 'tsx' : 'ts',
					format: 'esm',
					target: 'es2022',
					jsx: 'automatic',
					sourcefile: path,
					sourcemap: 'inline',
				})
			).code;
	} catch {
		const {default: ts} = await import('typescript');
		const compilerOptions = {
			module: ts.ModuleKind.ESNext,
			target: ts.ScriptTarget.ES2022,
			jsx: ts.JsxEmit.ReactJSX,
			inlineSourceMap: true,
		};
		return async (source, path) => ts.transpileModule(source, {compilerOptions, fileName: path}).outputText;
	}
})();

const isTs = url => url.startsWith('file:') && /\.tsx?$/.test(url);

export async function resolve(specifier, context, next) {
	if (context.parentURL && isTs(context.parentURL) && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
		const js = new URL(specifier, context.parentURL);
		if (!existsSync(fileURLToPath(js))) {
			for (const ext of ['.ts', '.tsx']) {
				const candidate = new URL(specifier.slice(0, -3) + ext, context.parentURL);
				if (existsSync(fileURLToPath(candidate))) return {url: candidate.href, shortCircuit: true};
			}
		}
	}
	return next(specifier, context);
}

export async function load(url, context, next) {
	if (!isTs(url)) return next(url, context);
	const path = fileURLToPath(url);
	return {format: 'module', source: await compile(await readFile(path, 'utf8'), path), shortCircuit: true};
}
