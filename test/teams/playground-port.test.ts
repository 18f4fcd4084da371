/** `npm run teams:playground` stops with a clear message when the Playground's port is taken. */
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { playgroundPortProblem } from '../../src/cli/teams-playground.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, () => resolve((server.address() as { port: number }).port)));
}

describe('the Playground port', () => {
  it('is refused when busy, naming PLAYGROUND_PORT and a way out', async () => {
    const holder = createServer();
    const port = await listen(holder);
    try {
      const problem = await playgroundPortProblem(port);
      expect(problem).toContain(`Port ${port} (PLAYGROUND_PORT) is in use`);
      expect(problem).toContain(`PLAYGROUND_PORT=${port + 1} npm run teams:playground`);
    } finally {
      await new Promise((r) => holder.close(r));
    }
    // Free again: nothing to say.
    expect(await playgroundPortProblem(port)).toBeUndefined();
  });
});
