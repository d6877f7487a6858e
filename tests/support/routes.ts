/** The routes of an app, read from Fastify's `printRoutes({ commonPrefix: false })` tree. */

/** Flattens `printRoutes()`: each node's text continues its parent's path. HEAD and OPTIONS left out. */
export function routesOf(tree: string): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    for (const method of match[3]!.split(', ')) {
      if (method !== 'HEAD' && method !== 'OPTIONS') found.push({ method, path });
    }
  }
  return found;
}
