import { createDocumentBody } from '@accord/contract';
import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { DocumentsService } from './documents.service.js';

@Controller('api/dialogues/:dialogueId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  async list(@Auth() auth: ValidSession, @Param('dialogueId', new Zod(uuidParam)) dialogueId: string) {
    return { documents: await this.documents.list(auth.user.id, dialogueId) };
  }

  @Post()
  create(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Body(new Zod(createDocumentBody)) body: z.output<typeof createDocumentBody>,
    @Req() req: Request,
  ) {
    return this.documents.create(auth.user.id, dialogueId, body, requestInfo(req));
  }

  @Get(':documentId')
  get(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ) {
    return this.documents.get(auth.user.id, dialogueId, documentId);
  }
}
