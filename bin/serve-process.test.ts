import { describe, expect, it } from 'vitest';
import { SERVE_ENV, SERVE_FLAGS, serveRestart } from './serve-process.js';

const node = '/usr/bin/node';

describe('the process of ctg serve', () => {
  it('is restarted with the heap flags and the allocator setting when it has neither', () => {
    const restart = serveRestart({
      argv: [node, '/app/bin/ctg.js', 'serve', '--demo'],
      execArgv: ['--enable-source-maps'],
      env: { PATH: '/usr/bin', PORT: '3000' },
    });
    expect(restart).toEqual({
      args: [...SERVE_FLAGS, '--enable-source-maps', '/app/bin/ctg.js', 'serve', '--demo'],
      env: { PATH: '/usr/bin', PORT: '3000', MALLOC_MMAP_THRESHOLD_: '131072' },
    });
  });

  it('is kept as it is once restarted (no loop)', () => {
    const first = serveRestart({ argv: [node, 'bin/ctg.js', 'serve'], execArgv: [], env: {} })!;
    expect(
      serveRestart({
        argv: [node, ...first.args.slice(SERVE_FLAGS.length)],
        execArgv: SERVE_FLAGS,
        env: first.env,
      }),
    ).toBeNull();
  });

  it('keeps a setting given in the command, NODE_OPTIONS or the environment', () => {
    const restart = serveRestart({
      argv: [node, 'bin/ctg.js', 'serve'],
      execArgv: ['--max-old-space-size=2048'],
      env: { NODE_OPTIONS: '--max-semi-space-size=16', MALLOC_MMAP_THRESHOLD_: '1048576' },
    });
    expect(restart).toBeNull();
    const onlyEnv = serveRestart({ argv: [node, 'bin/ctg.js', 'serve'], execArgv: SERVE_FLAGS, env: {} });
    expect(onlyEnv?.args).toEqual([...SERVE_FLAGS, 'bin/ctg.js', 'serve']);
    expect(onlyEnv?.env).toEqual(SERVE_ENV);
  });

  it('leaves the other commands alone', () => {
    for (const command of ['migrate', 'import', 'user', undefined]) {
      const argv = command ? [node, 'bin/ctg.js', command] : [node, 'bin/ctg.js'];
      expect(serveRestart({ argv, execArgv: [], env: {} })).toBeNull();
    }
  });
});
