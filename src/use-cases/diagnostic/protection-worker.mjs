// Worker thread of the protection pool: runs the TypeScript handler through tsx's loader, as
// bin/ctg.js does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./protection-worker.ts');
