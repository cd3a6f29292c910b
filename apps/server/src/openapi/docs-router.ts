import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import { logOnlyIfUnusual } from '../common/request-log.js';
import type { OpenApiDocument } from './openapi.js';

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Accord API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// A file rather than an inline script, so the Content-Security-Policy can stay strict.
const init = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });`;

/** `/api/docs`: the OpenAPI document and Swagger UI to read it. */
export function docsRouter(serverUrl: string): Router {
  // Built on its first request, not at boot: a few readers ask for it, and building it takes a
  // quarter of a second and some megabytes of every server's start.
  let document: Promise<OpenApiDocument> | undefined;
  const router = express.Router();
  router.get('/api/docs/openapi.json', async (_req, res) => {
    document ??= import('./openapi.js').then(({ buildOpenApiDocument }) => buildOpenApiDocument(serverUrl));
    res.json(await document);
  });
  router.get('/api/docs/init.js', (_req, res) => void res.type('text/javascript').send(init));
  // Swagger UI's own files, like the web app's, are not logged one by one.
  router.use('/api/docs/assets', express.static(swaggerUiDir, { index: false, setHeaders: logOnlyIfUnusual }));
  router.get(['/api/docs', '/api/docs/'], (_req, res) => void res.type('html').send(page));
  return router;
}
