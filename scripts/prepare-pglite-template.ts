/** Makes the empty PGlite cluster that new embedded databases start from (run by `npm ci`). */
import { prepareTemplate } from '../src/db/pglite-template.js';

const started = performance.now();
const path = await prepareTemplate();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Modèle de base embarquée prêt (${seconds} s) : ${path}`);
