import { fromJSON } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from './support/snapshot.js';
import { joinAsNewAccount } from './support/accounts.js';
import { type ApiClient, type ApiResponse, demo, startTestServer, type TestServer } from './support/test-server.js';

type Actor = 'chair' | 'secretariat' | 'delegate' | 'civil_society' | 'observer' | 'outsider' | 'anonymous';

interface Fixture {
  dialogueId: string;
  documentId: string;
  /** A member made for this cell, so a removal or role change has someone to act on. */
  targetUserId: string;
  /** A pending invitation made for this cell. */
  invitationId: string;
  /** For amendment rows: an open amendment proposed by another delegation's delegate, supported by the delegate and civil society actors. */
  amendmentId: string;
  /** For amendment rows: an open amendment the actor proposed (when their role may propose; else the one above). */
  ownAmendmentId: string;
  /** A paragraph under negotiation in the document, for proposals. */
  paragraphId: string;
  /** The demo document's Rev.1. */
  revisionId: string;
}

interface Action {
  name: string;
  run(api: ApiClient, f: Fixture, actor: Actor): Promise<ApiResponse>;
  /** Who may do it. Written out by hand, not derived from the server's permission table. */
  allowed: readonly Actor[];
  /** The cell needs amendments of its own (made before the snapshot). */
  amendments?: true;
}

const stewards = ['chair', 'secretariat'] as const;
const members = ['chair', 'secretariat', 'delegate', 'civil_society', 'observer'] as const;
const proposers = ['chair', 'secretariat', 'delegate', 'civil_society'] as const;
const supporters = ['delegate', 'civil_society'] as const;
const documentPath = (f: Fixture) => `/api/dialogues/${f.dialogueId}/documents/${f.documentId}`;

const actions: Action[] = [
  { name: 'view the dialogue', allowed: members, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}`) },
  { name: 'list members', allowed: members, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/members`) },
  {
    name: 'invite a member',
    allowed: stewards,
    run: (api, f) => api.post(`/api/dialogues/${f.dialogueId}/invitations`, { role: 'observer' }),
  },
  { name: 'list invitations', allowed: stewards, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/invitations`) },
  {
    name: 'resend an invitation',
    allowed: stewards,
    run: (api, f) => api.post(`/api/dialogues/${f.dialogueId}/invitations/${f.invitationId}/resend`),
  },
  {
    name: 'revoke an invitation',
    allowed: stewards,
    run: (api, f) => api.delete(`/api/dialogues/${f.dialogueId}/invitations/${f.invitationId}`),
  },
  {
    name: "change a member's role",
    allowed: stewards,
    run: (api, f) =>
      api.patch(`/api/dialogues/${f.dialogueId}/members/${f.targetUserId}`, {
        role: 'civil_society',
        affiliation: { name: 'Geneva Disarmament Network', kind: 'civil_society' },
      }),
  },
  { name: 'remove a member', allowed: stewards, run: (api, f) => api.delete(`/api/dialogues/${f.dialogueId}/members/${f.targetUserId}`) },
  { name: 'list documents', allowed: members, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/documents`) },
  { name: 'read a document', allowed: members, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/documents/${f.documentId}`) },
  { name: "read a document's text", allowed: members, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/documents/${f.documentId}/text`) },
  {
    name: 'create a document',
    allowed: stewards,
    run: (api, f, actor) => api.post(`/api/dialogues/${f.dialogueId}/documents`, { title: 'Chair’s summary', symbol: `T15/AWS/2026/${actor}` }),
  },
  { name: "read a document's history", allowed: members, run: (api, f) => api.get(`${documentPath(f)}/history`) },
  { name: 'read the text as it stood at a point', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/text?at=seq:1`) },
  { name: 'list revisions', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/revisions`) },
  { name: 'read a revision', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/revisions/${f.revisionId}`) },
  { name: "read a revision's text", allowed: members, run: (api, f) => api.get(`${documentPath(f)}/revisions/${f.revisionId}/text?format=plain`) },
  { name: 'compare a revision with now', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/compare?from=${f.revisionId}&to=current`) },
  { name: 'read the progress of each box', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/progress`) },
  { name: 'name a revision', allowed: stewards, run: (api, f, actor) => api.post(`${documentPath(f)}/revisions`, { label: `Rev.${actor}.${Date.now()}` }) },
  {
    name: 'renumber into a clean revision',
    allowed: stewards,
    run: (api, f, actor) => api.post(`${documentPath(f)}/revisions`, { label: `Clean.${actor}.${Date.now()}`, renumber: true }),
  },
  { name: 'restore a revision', allowed: stewards, run: (api, f) => api.post(`${documentPath(f)}/revisions/${f.revisionId}/restore`, {}) },
  { name: 'restore one paragraph of a revision', allowed: stewards, run: (api, f) => api.post(`${documentPath(f)}/revisions/${f.revisionId}/restore`, { paragraphId: f.paragraphId }) },
  { name: 'read the audit trail', allowed: stewards, run: (api, f) => api.get(`/api/dialogues/${f.dialogueId}/audit`) },
  { name: 'list amendments', allowed: members, amendments: true, run: (api, f) => api.get(`${documentPath(f)}/amendments`) },
  { name: 'read an amendment', allowed: members, amendments: true, run: (api, f) => api.get(`${documentPath(f)}/amendments/${f.amendmentId}`) },
  {
    name: 'propose an amendment',
    allowed: proposers,
    run: (api, f, actor) => api.post(`${documentPath(f)}/amendments`, { paragraphId: f.paragraphId, kind: 'replace', text: `Wording proposed by the ${actor} ${Date.now()}.` }),
  },
  { name: 'support an amendment', allowed: supporters, amendments: true, run: (api, f) => api.post(`${documentPath(f)}/amendments/${f.amendmentId}/support`, {}) },
  { name: 'withdraw support', allowed: supporters, amendments: true, run: (api, f) => api.delete(`${documentPath(f)}/amendments/${f.amendmentId}/support`) },
  { name: 'accept an amendment', allowed: stewards, amendments: true, run: (api, f) => api.post(`${documentPath(f)}/amendments/${f.amendmentId}/accept`, {}) },
  {
    name: 'reject an amendment',
    allowed: stewards,
    amendments: true,
    run: (api, f) => api.post(`${documentPath(f)}/amendments/${f.amendmentId}/reject`, { reason: 'Not now.' }),
  },
  { name: 'withdraw their own amendment', allowed: proposers, amendments: true, run: (api, f) => api.post(`${documentPath(f)}/amendments/${f.ownAmendmentId}/withdraw`) },
  { name: "withdraw another member's amendment", allowed: [], amendments: true, run: (api, f) => api.post(`${documentPath(f)}/amendments/${f.amendmentId}/withdraw`) },
  { name: 'read the compilation', allowed: members, amendments: true, run: (api, f) => api.get(`${documentPath(f)}/compilation?format=json`) },
  { name: 'read the compilation as plain text', allowed: members, amendments: true, run: (api, f) => api.get(`${documentPath(f)}/compilation?format=plain`) },
  { name: 'list the export formats', allowed: [...members, 'outsider'], run: (api) => api.get('/api/export-formats') },
  { name: 'export the text as DOCX', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/export?format=docx`) },
  { name: 'export a redline as HTML', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/export?format=html&compare=${f.revisionId}`) },
  { name: 'export the compilation as plain text', allowed: members, amendments: true, run: (api, f) => api.get(`${documentPath(f)}/export?format=plain&compilation=true`) },
  {
    name: 'import a document',
    allowed: stewards,
    run: (api, f, actor) => importFile(api, f.dialogueId, { title: 'Imported text', symbol: `T15/AWS/2026/IMP/${actor}` }),
  },
  { name: 'dry-run an import', allowed: stewards, run: (api, f) => importFile(api, f.dialogueId, { dryRun: 'true' }) },
  { name: 'read the session mode', allowed: members, run: (api, f) => api.get(`${documentPath(f)}/session-mode`) },
  {
    name: 'steer the session (current paragraph, floor)',
    allowed: stewards,
    run: (api, f) => api.request('PUT', `${documentPath(f)}/session-mode`, { paragraphId: f.paragraphId, floorAffiliationId: null }),
  },
  { name: 'end the session', allowed: stewards, run: (api, f) => api.delete(`${documentPath(f)}/session-mode`) },
];

/** POST …/documents/import as a browser's form sends it (multipart), with a small plain-text file. */
async function importFile(api: ApiClient, dialogueId: string, fields: Record<string, string>): Promise<ApiResponse> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob(['Box I. Scope\n\n1. States [shall][should] review new weapons.\n'], { type: 'text/plain' }), 'text.txt');
  const response = await fetch(`${api.baseUrl}/api/dialogues/${dialogueId}/documents/import`, {
    method: 'POST',
    headers: api.token ? { authorization: `Bearer ${api.token}` } : {},
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('application/json') && text ? JSON.parse(text) : text, headers: response.headers };
}

const actors: Actor[] = ['chair', 'secretariat', 'delegate', 'civil_society', 'observer', 'outsider', 'anonymous'];

describe('role matrix: every role × every dialogue, member, document, amendment, history, export and import action', () => {
  let t: TestServer;
  let chair: ApiClient;
  let dialogueId: string;
  let documentId: string;
  /** Box I(2) of the demo text: under negotiation, what the matrix's amendments propose to replace. */
  let paragraphId: string;
  /** The delegate of another delegation than the delegate actor's: the proposer of others' amendments. */
  let veloria: ApiClient;
  let revisionId: string;
  const clients = {} as Record<Actor, ApiClient>;
  let cell = 0;

  /** A fresh observer who joins through an invitation link, as a real participant would. */
  async function newMember(): Promise<string> {
    cell += 1;
    const invite = await chair.post(`/api/dialogues/${dialogueId}/invitations`, { role: 'observer' });
    const joined = await joinAsNewAccount(t, invite.body.token, {
      email: `target-${cell}@accord.example`,
      password: 'target password',
      displayName: `Target ${cell}`,
    });
    return joined.userId;
  }

  /** A fresh open amendment by Veloria, supported by the delegate and civil society actors; and one of the actor's own. */
  async function amendmentsFor(fixture: Fixture, actor: Actor): Promise<void> {
    const propose = async (api: ApiClient, who: string) => {
      const res = await api.post(`${documentPath(fixture)}/amendments`, { paragraphId, kind: 'replace', text: `Wording of cell ${cell} by ${who}.` });
      if (res.status !== 201) throw new Error(`proposing for cell ${cell}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.amendment.id as string;
    };
    fixture.amendmentId = await propose(veloria, 'Veloria');
    for (const supporter of supporters) {
      const res = await clients[supporter].post(`${documentPath(fixture)}/amendments/${fixture.amendmentId}/support`, {});
      if (res.status !== 200) throw new Error(`support by the ${supporter}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    fixture.ownAmendmentId = (proposers as readonly Actor[]).includes(actor) ? await propose(clients[actor], actor) : fixture.amendmentId;
  }

  beforeAll(async () => {
    // Every cell registers a member through the development outbox: no mail limit per client here.
    t = await startTestServer({ env: { MAIL_MAX_PER_CLIENT: '100000', MAX_AMENDMENTS_PER_HOUR: '100000' } });
    chair = await t.login(demo.chair.email);
    const [dialogue] = (await chair.get('/api/dialogues')).body.dialogues;
    dialogueId = dialogue.id;
    documentId = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents[0].id;

    // The outsider belongs to a dialogue of their own, not to this one.
    const other = await t.login(demo.observer.email);
    const own = await other.post('/api/dialogues', { title: 'Another dialogue' });
    const invite = await other.post(`/api/dialogues/${own.body.id}/invitations`, { role: 'observer' });
    const outsider = await joinAsNewAccount(t, invite.body.token, {
      email: 'outsider@accord.example',
      password: 'outsider password',
      displayName: 'Olu Outsider',
    });

    const content = (await chair.get(`/api/dialogues/${dialogueId}/documents/${documentId}/text`)).body.content;
    paragraphId = listBlocks(fromJSON(content)).find((block) => block.citation === 'Box I(2)' && block.status === 'under_negotiation')!.id;
    veloria = await t.login(demo.veloria.email);
    revisionId = (await chair.get(`/api/dialogues/${dialogueId}/documents/${documentId}/revisions`)).body.revisions[0].id;

    Object.assign(clients, {
      chair,
      secretariat: await t.login(demo.secretariat.email),
      delegate: await t.login(demo.arandia.email),
      civil_society: await t.login(demo.ngo.email),
      observer: await t.login(demo.observer.email),
      outsider: t.client(outsider.token),
      anonymous: t.client(),
    });
  });
  afterAll(() => t?.close());

  for (const action of actions) {
    for (const actor of actors) {
      const allowed = action.allowed.includes(actor);
      it(`${actor} ${allowed ? 'may' : 'may not'} ${action.name}`, async () => {
        const targetUserId = await newMember();
        const invitation = await chair.post(`/api/dialogues/${dialogueId}/invitations`, { role: 'observer' });
        const fixture: Fixture = { dialogueId, documentId, targetUserId, invitationId: invitation.body.id, amendmentId: '', ownAmendmentId: '', paragraphId, revisionId };
        if (action.amendments) await amendmentsFor(fixture, actor);
        const before = await snapshot(t.db);

        const res = await action.run(clients[actor], fixture, actor);

        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          return;
        }
        const expected = actor === 'anonymous' ? [401, 'UNAUTHENTICATED'] : actor === 'outsider' ? [403, 'NOT_A_MEMBER'] : [403, 'ROLE_FORBIDDEN'];
        expect([res.status, res.body?.error?.code]).toEqual(expected);
        expect(await snapshot(t.db)).toBe(before);
      });
    }
  }
});
