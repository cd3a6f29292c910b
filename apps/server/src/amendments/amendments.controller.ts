import { acceptAmendmentBody, amendmentListQuery, compilationQuery, createAmendmentBody, rejectAmendmentBody, supportBody } from '@accord/contract';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { AmendmentAcceptance } from './amendment-acceptance.js';
import { AmendmentsService } from './amendments.service.js';
import { CompilationService } from './compilation.service.js';

/** Amendments to a document's text and their compilation; docs/amendments.md describes the lifecycle. */
@Controller('api/dialogues/:dialogueId/documents/:documentId')
export class AmendmentsController {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly acceptance: AmendmentAcceptance,
    private readonly compilation: CompilationService,
  ) {}

  @Get('amendments')
  async list(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(amendmentListQuery)) query: z.output<typeof amendmentListQuery>,
  ) {
    return { amendments: await this.amendments.list(auth.user.id, dialogueId, documentId, query) };
  }

  @Post('amendments')
  async propose(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Body(new Zod(createAmendmentBody)) body: z.output<typeof createAmendmentBody>,
    @Req() req: Request,
  ) {
    return { amendment: await this.amendments.propose(auth.user.id, dialogueId, documentId, body, requestInfo(req)) };
  }

  @Get('amendments/:amendmentId')
  async get(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
  ) {
    return { amendment: await this.amendments.get(auth.user.id, dialogueId, documentId, amendmentId) };
  }

  @Post('amendments/:amendmentId/support')
  @HttpCode(200)
  async support(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
    @Body(new Zod(supportBody)) body: z.output<typeof supportBody>,
    @Req() req: Request,
  ) {
    return { amendment: await this.amendments.support(auth.user.id, dialogueId, documentId, amendmentId, body, requestInfo(req)) };
  }

  @Delete('amendments/:amendmentId/support')
  async unsupport(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
    @Req() req: Request,
  ) {
    return { amendment: await this.amendments.unsupport(auth.user.id, dialogueId, documentId, amendmentId, requestInfo(req)) };
  }

  @Post('amendments/:amendmentId/accept')
  @HttpCode(200)
  async accept(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
    @Body(new Zod(acceptAmendmentBody)) body: z.output<typeof acceptAmendmentBody>,
    @Req() req: Request,
  ) {
    return { amendment: await this.acceptance.accept(auth.user.id, auth.session.id, dialogueId, documentId, amendmentId, body, requestInfo(req)) };
  }

  @Post('amendments/:amendmentId/reject')
  @HttpCode(200)
  async reject(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
    @Body(new Zod(rejectAmendmentBody)) body: z.output<typeof rejectAmendmentBody>,
    @Req() req: Request,
  ) {
    return { amendment: await this.amendments.reject(auth.user.id, dialogueId, documentId, amendmentId, body, requestInfo(req)) };
  }

  @Post('amendments/:amendmentId/withdraw')
  @HttpCode(200)
  async withdraw(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('amendmentId', new Zod(uuidParam)) amendmentId: string,
    @Req() req: Request,
  ) {
    return { amendment: await this.amendments.withdraw(auth.user.id, dialogueId, documentId, amendmentId, requestInfo(req)) };
  }

  @Get('compilation')
  @Header('cache-control', 'no-store')
  async compilationOf(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(compilationQuery)) query: z.output<typeof compilationQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.format === 'plain') {
      // Typed once the text exists: a refusal (403, 404) must still go out as the JSON error body.
      const text = await this.compilation.plain(auth.user.id, dialogueId, documentId);
      res.type('text/plain; charset=utf-8');
      return text;
    }
    return this.compilation.json(auth.user.id, dialogueId, documentId);
  }
}
