// One embedded Hub per test file: started before the file's tests, closed after them, and its faults and request logs
// cleared after each test, so no test sees another's.
import { after, afterEach, before } from 'node:test';
import { startHubServer, type HubServer, type HubServerOptions } from '../hub-server/server.mjs';

export function embeddedHub(options: HubServerOptions = {}): { readonly hub: HubServer } {
  const fixture = {} as { hub: HubServer };
  before(async () => {
    fixture.hub = await startHubServer({ port: 0, quiet: true, ...options });
  });
  after(() => fixture.hub.close());
  afterEach(() => {
    fixture.hub.clearFaults();
    fixture.hub.clearRequests();
  });
  return fixture;
}
