/**
 * The import's role check, made before the upload is read. Nest runs guards before interceptors,
 * and the file interceptor reads the whole multipart body into memory: without this guard a
 * delegate, an observer or a non-member could make the server receive and hold 10 MB per request
 * (as many requests at once as they like) only to be refused afterwards. The service checks again.
 */
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth-context.js';
import { AppError } from '../common/app-error.js';
import { fieldIssues, validationError } from '../common/validation.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';

@Injectable()
export class ImportPermissionGuard implements CanActivate {
  constructor(private readonly access: DialogueAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const dialogueId = uuidParam.safeParse(req.params.dialogueId);
    if (!dialogueId.success) throw validationError(fieldIssues(dialogueId.error, 'dialogueId'));
    await this.access.require(req.auth.user.id, dialogueId.data, 'documents.import');
    return true;
  }
}
