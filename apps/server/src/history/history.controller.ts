import {
  compareQuery,
  createRevisionBody,
  documentTextAtQuery,
  historyQuery,
  restoreBody,
  textFormatQuery,
  type Comparison,
  type HistoryPage,
  type Progress,
  type RestoreResult,
  type Revision,
  type RevisionCreated,
  type TextAt,
} from '@accord/contract';
import { type RollingTextJSON, toJSON, toPlainText } from '@accord/text';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Node } from 'prosemirror-model';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { CompareService } from './compare.service.js';
import { concordanceText } from './concordance-text.js';
import { HistoryContexts } from './history-context.js';
import { HistoryService } from './history.service.js';
import { Positions } from './positions.js';
import { RevisionsService } from './revisions.service.js';
import { TextAtReader } from './text-at.js';

/** The text at a point, as answered: the contract's TextAt with the model's own JSON type. */
type TextAnswer = Omit<TextAt, 'content'> & { content: RollingTextJSON | null };

/** A document's text now or at any point, its timeline, revisions, comparisons and progress (docs/history.md). */
@Controller('api/dialogues/:dialogueId/documents/:documentId')
export class HistoryController {
  constructor(
    private readonly contexts: HistoryContexts,
    private readonly history: HistoryService,
    private readonly revisions: RevisionsService,
    private readonly compareService: CompareService,
    private readonly positions: Positions,
    private readonly texts: TextAtReader,
  ) {}

  /** The text now, or as it stood at `at`: JSON, or the plain-text form with `format=plain`. */
  @Get('text')
  async text(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(documentTextAtQuery)) query: z.output<typeof documentTextAtQuery>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TextAnswer | string> {
    await this.contexts.require(auth.user.id, dialogueId, documentId, 'documents.view');
    let seq: number;
    let text: Node | null;
    if (query.at === undefined || query.at === 'current') {
      ({ seq, text } = await this.texts.current(documentId));
    } else {
      ({ seq } = await this.positions.resolve(documentId, query.at, 'at'));
      text = await this.texts.at(documentId, seq, auth.user.id);
    }
    return answer(res, query.format, { documentId, seq, text: text ? toPlainText(text) : '', content: text ? toJSON(text) : null });
  }

  @Get('history')
  timeline(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(historyQuery)) query: z.output<typeof historyQuery>,
  ): Promise<HistoryPage> {
    return this.history.timeline(auth.user.id, dialogueId, documentId, query);
  }

  @Get('revisions')
  async list(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ): Promise<{ revisions: Revision[] }> {
    return { revisions: await this.revisions.list(auth.user.id, dialogueId, documentId) };
  }

  @Post('revisions')
  create(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Body(new Zod(createRevisionBody)) body: z.output<typeof createRevisionBody>,
    @Req() req: Request,
  ): Promise<RevisionCreated> {
    return this.revisions.create(auth.user.id, auth.session.id, dialogueId, documentId, body, requestInfo(req));
  }

  @Get('revisions/:revisionId')
  async get(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('revisionId', new Zod(uuidParam)) revisionId: string,
  ): Promise<{ revision: Revision }> {
    return { revision: await this.revisions.get(auth.user.id, dialogueId, documentId, revisionId) };
  }

  @Get('revisions/:revisionId/text')
  async revisionText(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('revisionId', new Zod(uuidParam)) revisionId: string,
    @Query(new Zod(textFormatQuery)) query: z.output<typeof textFormatQuery>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TextAnswer | string> {
    const { revision, text } = await this.revisions.text(auth.user.id, dialogueId, documentId, revisionId);
    return answer(res, query.format, { documentId, seq: revision.seq, text: text ? toPlainText(text) : '', content: text ? toJSON(text) : null });
  }

  @Get('revisions/:revisionId/concordance')
  async concordance(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('revisionId', new Zod(uuidParam)) revisionId: string,
    @Query(new Zod(textFormatQuery)) query: z.output<typeof textFormatQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.revisions.concordance(auth.user.id, dialogueId, documentId, revisionId);
    if (query.format !== 'plain') return result;
    res.type('text/plain; charset=utf-8');
    return concordanceText(result.revision, result.concordance);
  }

  @Post('revisions/:revisionId/restore')
  @HttpCode(200)
  restore(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Param('revisionId', new Zod(uuidParam)) revisionId: string,
    @Body(new Zod(restoreBody)) body: z.output<typeof restoreBody>,
    @Req() req: Request,
  ): Promise<RestoreResult> {
    return this.revisions.restore(auth.user.id, auth.session.id, dialogueId, documentId, revisionId, body.paragraphId, requestInfo(req));
  }

  @Get('compare')
  compare(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Query(new Zod(compareQuery)) query: z.output<typeof compareQuery>,
  ): Promise<Comparison> {
    return this.compareService.compare(auth.user.id, dialogueId, documentId, query.from, query.to);
  }

  @Get('progress')
  progress(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ): Promise<Progress> {
    return this.compareService.progress(auth.user.id, dialogueId, documentId);
  }
}

function answer(res: Response, format: 'json' | 'plain' | undefined, text: TextAnswer): TextAnswer | string {
  if (format !== 'plain') return text;
  res.type('text/plain; charset=utf-8');
  return text.text;
}
