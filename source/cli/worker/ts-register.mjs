// Only when the pipeline thread runs from the TypeScript sources (vitest): `--import` this file
// and the thread's .ts modules are compiled as they load (ts-hooks.mjs). The built dist/ never
// needs it: there the thread's entry is plain JavaScript.
import {register} from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
