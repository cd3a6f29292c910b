/// <reference types="multer" />
import { importFields, type ImportFields, type ImportResult, MAX_IMPORT_BYTES } from '@accord/contract';
import { Body, Controller, HttpCode, Param, Post, Req, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { ImportPermissionGuard } from './import-permission.guard.js';
import { ImportsService } from './imports.service.js';

/** Documents in: a DOCX, Markdown or plain-text file made into a new document, after a report. */
@Controller('api/dialogues/:dialogueId/documents')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('import')
  @HttpCode(200)
  // The role first: only then is the upload read (guards run before the file interceptor).
  @UseGuards(ImportPermissionGuard)
  // Held in memory (at most MAX_IMPORT_BYTES) and never written to disk: one file, a few short fields.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 } }))
  import(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new Zod(importFields)) fields: ImportFields,
    @Req() req: Request,
  ): Promise<ImportResult> {
    const upload = file ? { bytes: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength), fileName: file.originalname } : undefined;
    return this.imports.import(auth.user.id, dialogueId, upload, fields, requestInfo(req));
  }
}
