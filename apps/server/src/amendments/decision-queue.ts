/**
 * Decisions on one document's amendments run one after another, whoever makes them. An acceptance
 * changes the text before it records the decision, so a withdrawal or a rejection racing it must
 * wait for it (and then finds the amendment decided), never slip in between: otherwise both
 * "succeed", and the text holds an amendment its proposer was told they had withdrawn.
 */
import { Injectable } from '@nestjs/common';
import { KeyedQueue } from '../common/keyed-queue.js';

@Injectable()
export class DecisionQueue extends KeyedQueue {}
