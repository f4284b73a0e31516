// One server and one browser per spec file; each test gets a fresh context (its own
// storage), which is how a new visitor arrives.
import { after, before } from 'node:test';
import { launch } from './browser.js';
import { startServer } from './server.js';
import { Library } from './app.js';

export function useApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await startServer();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  app.newPage = async (options = {}) => {
    const context = await app.browser.newContext(options);
    const page = await context.newPage();
    return { context, page };
  };
  /** A new visitor on the library, under the Pages-style sub-path. */
  app.openLibrary = async (options = {}) => {
    const { context, page } = await app.newPage(options);
    const library = new Library(page);
    await library.open(app.server.subPath);
    return { context, page, library };
  };
  return app;
}
