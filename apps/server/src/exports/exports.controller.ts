import { type ExportCapabilities, exportQuery, type ExportQuery } from '@accord/contract';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { attachment } from './export-file-name.js';
import { ExportsService } from './exports.service.js';

/** Documents out: every format from one route (docs/documents-in-and-out.md). */
@Controller('api')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** What this server can export: PDF needs Chromium. */
  @Get('export-formats')
  formats(@Auth() _auth: ValidSession): ExportCapabilities {
    return this.exports.capabilities();
  }

  @Get('dialogues/:dialogueId/documents/:documentId/export')
  async export(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(exportQuery)) query: ExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.exports.export(auth.user.id, dialogueId, documentId, query);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachment(file.fileName));
    // A text at a point may change (current) or be private to members: never kept by a shared cache.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(typeof file.body === 'string' ? file.body : Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
  }
}
