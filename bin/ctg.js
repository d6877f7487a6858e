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
// `ctg serve` runs with the memory settings of bin/serve-process.js: the process is replaced by one
// started with them (same process id) unless they are given already.
if (typeof process.execve === 'function') {
  const { serveRestart } = await import('./serve-process.js');
  const restart = serveRestart({ argv: process.argv, execArgv: process.execArgv, env: process.env });
  if (restart) {
    try {
      process.execve(process.execPath, [process.execPath, ...restart.args], restart.env);
    } catch (error) {
      // Where a refused execve(2) throws (recent Node.js versions; older ones end the process), the
      // server starts without the settings: it works, with more memory.
      process.stderr.write(
        `Les réglages de mémoire de « ctg serve » n’ont pas pu être appliqués (${error.message}) : ` +
          'le serveur démarre sans eux.\n',
      );
    }
  }
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
