// Types of bin/serve-process.js, for the TypeScript that reads it (its tests).
export declare const SERVE_FLAGS: string[];
export declare const SERVE_ENV: Record<string, string>;
export declare function serveRestart(current: {
  argv: string[];
  execArgv: string[];
  env: Record<string, string | undefined>;
}): { args: string[]; env: Record<string, string | undefined> } | null;
