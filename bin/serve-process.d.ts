// Types of bin/serve-process.js (plain JavaScript, read before the TypeScript loader), for the
// TypeScript that imports it: its tests and the browser test of the running server.
export declare const SERVE_FLAGS: string[];
export declare const SERVE_ENV: Record<string, string>;
export declare function serveRestart(current: {
  argv: string[];
  execArgv: string[];
  env: Record<string, string | undefined>;
}): { args: string[]; env: Record<string, string | undefined> } | null;
