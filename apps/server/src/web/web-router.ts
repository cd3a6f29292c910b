import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';
import { logOnlyIfUnusual } from '../common/request-log.js';

/**
 * Serves the built web app at `/` and answers its client-side routes with index.html.
 * API and health paths (and the development outbox) are left alone, so an unknown API route still gets a JSON 404.
 *
 * Compressed, because the editor's code is about 750 kB and conference Wi-Fi is slow: gzip makes it
 * about 230 kB. Vite names every file under assets/ by its content hash, so those are cached for a
 * year; index.html is revalidated on every load, so a new release is picked up at once.
 *
 * A file served, and index.html served for a client-side route, are not logged one by one (a first
 * visit fetches about twenty); a missing asset, an error or a slow answer still is.
 */
export function webRouter(webDist: string): Router {
  const router = express.Router();
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) {
    router.get('/', (_req, res) => {
      res.type('text').send('Accord server is running. The web app is not built: run `pnpm build`.');
    });
    return router;
  }
  const assets = compression();
  // setHeaders runs only when a file is about to be sent, so a path that falls through to the API is logged as usual.
  const setHeaders = logOnlyIfUnusual;
  router.use('/assets', assets, express.static(join(webDist, 'assets'), { index: false, maxAge: '365d', immutable: true, fallthrough: false, setHeaders }));
  router.use(express.static(webDist, { index: false, maxAge: '1h', immutable: false, setHeaders }));
  router.get(/^\/(?!api\/|api$|health$|dev\/outbox$).*/, assets, (req, res, next) => {
    if (!req.accepts('html')) return next();
    logOnlyIfUnusual(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
