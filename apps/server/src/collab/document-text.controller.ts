import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { documentTextQuery } from '../documents/documents.schemas.js';
import { type DocumentText, DocumentTextService } from './document-text.service.js';

@Controller('api/dialogues/:dialogueId/documents/:documentId/text')
export class DocumentTextController {
  constructor(private readonly texts: DocumentTextService) {}

  @Get()
  async read(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(documentTextQuery)) query: z.output<typeof documentTextQuery>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentText | string> {
    const text = await this.texts.read(auth.user.id, dialogueId, documentId);
    if (query.format === 'json') return text;
    res.type('text/plain; charset=utf-8');
    return text.text;
  }
}
