import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built web app at `/` and answers its client-side routes with index.html.
 * API and health paths are left alone, so an unknown API route still gets a JSON 404.
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
  router.use(express.static(webDist, { index: false, maxAge: '1h', immutable: false }));
  router.get(/^\/(?!api\/|api$|health$).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
