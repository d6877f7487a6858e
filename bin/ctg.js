#!/usr/bin/env node
// Entry point of the `ctg` command: refuses a Node.js the dependencies do not support, then runs
// the TypeScript sources through tsx's loader. Written so that an old Node.js can still parse it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `La plateforme demande Node.js 22.13 ou plus récent (22 ou 24, versions suivies à long terme) ; ` +
      `celui-ci est la version ${process.versions.node}. Installez Node.js 24 puis relancez la commande.\n`,
  );
  process.exit(1);
}
// `ctg serve` runs with a small young generation and a bounded heap: under load V8 otherwise grows
// its heap far past what is alive (50 MB alive, 480 MB resident after the load benchmark; 190 MB with
// these, at the same throughput: docs/benchmarks.md). The process is replaced by one started with
// them (same process id), unless they are given already (in the command or NODE_OPTIONS).
const SERVE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=512'];
if (process.argv[2] === 'serve' && typeof process.execve === 'function') {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = SERVE_FLAGS.filter((flag) => !given.some((g) => g.startsWith(flag.split('=')[0])));
  if (missing.length > 0) {
    process.execve(process.execPath, [
      process.execPath,
      ...missing,
      ...process.execArgv,
      ...process.argv.slice(1),
    ]);
  }
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
