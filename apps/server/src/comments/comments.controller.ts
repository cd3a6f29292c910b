import { commentBodyInput, createThreadBody } from '@accord/contract';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { CommentsService } from './comments.service.js';

/** Comment threads on a document's text; docs/comments.md describes the rules. */
@Controller('api/dialogues/:dialogueId/documents/:documentId/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  async list(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ) {
    return { threads: await this.comments.list(auth.user.id, dialogueId, documentId) };
  }

  @Get('counts')
  counts(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ) {
    return this.comments.counts(auth.user.id, dialogueId, documentId);
  }

  @Get(':threadId')
  async get(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
  ) {
    return { thread: await this.comments.get(auth.user.id, dialogueId, documentId, threadId) };
  }

  @Post()
  async create(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Body(new Zod(createThreadBody)) body: z.output<typeof createThreadBody>,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.create(auth.user.id, dialogueId, documentId, body, requestInfo(req)) };
  }

  @Post(':threadId/replies')
  async reply(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
    @Body(new Zod(commentBodyInput)) body: z.output<typeof commentBodyInput>,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.reply(auth.user.id, dialogueId, documentId, threadId, body.body, requestInfo(req)) };
  }

  @Post(':threadId/resolve')
  @HttpCode(200)
  async resolve(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.setStatus(auth.user.id, dialogueId, documentId, threadId, 'resolved', requestInfo(req)) };
  }

  @Post(':threadId/reopen')
  @HttpCode(200)
  async reopen(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.setStatus(auth.user.id, dialogueId, documentId, threadId, 'open', requestInfo(req)) };
  }

  @Patch(':threadId/comments/:commentId')
  async edit(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
    @Param('commentId', new Zod(uuidParam)) commentId: string,
    @Body(new Zod(commentBodyInput)) body: z.output<typeof commentBodyInput>,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.edit(auth.user.id, dialogueId, documentId, threadId, commentId, body, requestInfo(req)) };
  }

  @Delete(':threadId/comments/:commentId')
  async remove(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('threadId', new Zod(uuidParam)) threadId: string,
    @Param('commentId', new Zod(uuidParam)) commentId: string,
    @Req() req: Request,
  ) {
    return { thread: await this.comments.edit(auth.user.id, dialogueId, documentId, threadId, commentId, null, requestInfo(req)) };
  }
}
