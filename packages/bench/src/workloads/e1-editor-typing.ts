/**
 * E1, the editor while someone else types (issue 16), on Accord only: a 500-paragraph rolling text
 * with 300 open brackets, written on the server; a delegate types at the end of its first paragraph
 * in the built web app in Chromium while another person (an SDK client here) types into a paragraph
 * half way down at a human rate. The peer in the same run is the same delegate typing into a short
 * plain document no one else is in: the editor's floor, what a key costs when the text is small.
 */
import { AccordClient } from '@accord/client';
import { DEMO_PASSWORD, enterDemoDialogue, type CommentsRoom } from '../load/comments-room.js';
import { DEMO_MEMBERS } from '../load/comments-plan.js';
import { browserPhaseBlocked } from '../load/editor-key-to-paint.js';
import { bracketedText } from '../load/editor-typing-text.js';
import { editorTyping } from '../load/editor-typing.js';
import { seededRandom } from '../load/typist.js';
import { writeDocumentAs } from '../load/write-document.js';
import { paragraphTextOf } from '../load/write-rolling-text.js';
import type { EditorTypingResult, EditorTypingSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';

/** The typist in the browser: a delegate, who sees the text as most of the room does. */
const TYPIST = 'arandia';
/** The other person: another delegation, typing into its own paragraph. */
const OTHER = 'veloria';
const OTHER_WORDS = 'we propose to add the words subject to national legislation ';

export async function editorWhileOthersType(context: WorkloadContext, spec: EditorTypingSpec): Promise<EditorTypingResult> {
  const room = await enterDemoDialogue(context.url);
  const random = seededRandom(1616);
  const long = bracketedText(spec.paragraphs, spec.brackets, random);
  const short = bracketedText(5, 0, random);
  const busyDocumentId = await createDocument(room, 'long', long.text);
  const quietDocumentId = await createDocument(room, 'short', short.text);
  await context.progress(`a ${long.paragraphIds.length}-paragraph text with ${long.brackets} brackets and a ${short.paragraphIds.length}-paragraph one written`);
  const meter = await context.startPhase();
  const result: Omit<EditorTypingResult, 'phase'> = { kind: 'e1', paragraphs: long.paragraphIds.length, brackets: long.brackets, editor: null, skipped: null };
  result.skipped = spec.browser ? await browserPhaseBlocked(context.url) : 'not asked for (--no-browser)';
  if (result.skipped) {
    await context.progress(`browser phase skipped: ${result.skipped}`);
    return { ...result, phase: await meter.stop() };
  }
  const other = await AccordClient.connect({ url: room.url, token: room.tokens[OTHER], transports: ['websocket'] });
  try {
    const handle = other.open(busyDocumentId);
    await handle.synced;
    const target = paragraphTextOf(handle.doc, long.paragraphIds[Math.floor(long.paragraphIds.length / 2)]!);
    const typeElsewhere = () => {
      let typed = 0;
      const timer = setInterval(() => {
        target.insert(target.length, OTHER_WORDS[typed % OTHER_WORDS.length]!);
        typed++;
      }, 1000 / spec.otherCharsPerSecond);
      return async () => {
        clearInterval(timer);
        await handle.whenSaved();
        return typed;
      };
    };
    result.editor = await editorTyping({
      url: context.url,
      dialogueId: room.dialogueId,
      email: DEMO_MEMBERS[TYPIST].email,
      password: DEMO_PASSWORD,
      busyDocumentId,
      quietDocumentId,
      keystrokes: spec.keystrokes,
      typeElsewhere,
      progress: context.progress,
    });
  } catch (error) {
    result.skipped = `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    await context.progress(`browser phase ${result.skipped}`);
  } finally {
    other.close();
  }
  return { ...result, phase: await meter.stop() };
}

async function createDocument(room: CommentsRoom, label: string, text: Parameters<typeof writeDocumentAs>[3]): Promise<string> {
  const symbol = `BENCH/E1/${label}/${Date.now().toString(36)}`;
  const { id } = await room.apis.chair.documents.create(room.dialogueId, { title: `Bench editor: ${label}`, symbol });
  await writeDocumentAs(room.url, room.tokens.chair, id, text);
  return id;
}
