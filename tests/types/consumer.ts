// A consumer's view of the package's types, compiled with `tsc --strict --noEmit` by npm test.
import { classifyNps, classifyNpsLines, ConversationPlan, LdpAggregate, nps, NpsAggregate, ready, ReportAggregate, runtimeStats, SelfCrmError } from 'selfcrm';
import type { BatchChunkCount, LineReject, NpsCategory, NpsSummary, RuntimeStats } from 'selfcrm';

await ready({ locateFile: (path: string) => `/assets/${path}` });
const category: NpsCategory = classifyNps(9);
const summary: NpsSummary = nps(new Float64Array([10, 8, 3]));
const interval: [number, number] = summary.ci95;
{
  using stream = new NpsAggregate({ engine: 'x' });
  const { rejects }: { rejects: LineReject[] } = stream.addLines('{"score":1}\n', { firstLine: 1 });
  rejects.forEach((r) => r.line + r.code.length + r.path.length);
  // Every running tally's addLines gives the one batch shape without `ndjson`.
  using report = new ReportAggregate({ engine: 'x' });
  using ldp = new LdpAggregate({ engine: 'x' }, { categories: ['a', 'b'], epsilon: 1 });
  using plan = new ConversationPlan();
  const counts: BatchChunkCount[] = [stream.addLines(''), report.addLines(''), ldp.addLines(''), plan.addLines('')];
  const full: BatchChunkCount = classifyNpsLines('');
  // @ts-expect-error a count has no output lines
  void counts[0]?.ndjson;
  void full;
}
try {
  nps([]);
} catch (e) {
  if (e instanceof SelfCrmError) {
    const where: string = e.path;
    const code: string = e.code;
    void where;
    void code;
  }
}
const stats: RuntimeStats = runtimeStats();
void category;
void interval;
void stats;

// Identity vault
import { Vault, MIN_PBKDF2_ITERATIONS, saveVaultFile, loadVaultFile } from 'selfcrm';
import type { ImportReport, JournalEntry, VaultDocument, Identity, AttributeValue } from 'selfcrm';
{
  using vault = Vault.create('me', { clock: () => 0 });
  const merged: boolean = vault.addIdentity({ kind: 'email', value: 'a@b.co', verified: true });
  vault.setAttribute('personal', 'born', new Date(0));
  const value: AttributeValue = { date: '2024-01-01' };
  vault.setAttribute('profile', 'since', value);
  const added: boolean = vault.addTransaction({ at: new Date(0), amount: 3 });
  const report: ImportReport = vault.importHistory('{"type":"survey","at":"2024-01-01","score":9}\n');
  const doc: VaultDocument = vault.toJSON();
  const first: Identity | undefined = doc.identities[0];
  const journal: JournalEntry[] = vault.journal();
  await saveVaultFile('/tmp/x.vault', vault, { passphrase: 'p', iterations: MIN_PBKDF2_ITERATIONS });
  const back: Vault = await loadVaultFile('/tmp/x.vault', { passphrase: 'p' });
  back.dispose();
  void merged; void added; void report; void first; void journal;
}
// Scores
import { customerSummaries, fitModel, Model, rfmSummary } from 'selfcrm';
import type { CustomerSummaries, CustomerSummary, FitResult, ModelDocument, Predictions, RfmSummary } from 'selfcrm';
{
  const fitted: FitResult = fitModel('{"customerId":"a","at":"2024-01-01","amount":1}\n', { asOf: new Date() });
  const doc: ModelDocument = fitted.model;
  using model = Model.fromJSON(doc);
  const customers: CustomerSummary[] = [{ frequency: 1, recency: 2, age: 3, monetary: 4 }];
  const predictions: Predictions = model.predict(customers, { t: 52 });
  const clv: Float64Array = predictions.clv;
  const columns: CustomerSummaries = customerSummaries('', { asOf: '2024-01-01', model });
  const again: Predictions = model.predict(columns, { t: 4 });
  void again;
  const rfm: RfmSummary = rfmSummary('', { asOf: '2024-01-01', monetary: 'total' });
  const ids: string[] = rfm.customerIds;
  const fresh: ModelDocument = Model.default().toJSON();
  void clv;
  void ids;
  void fresh;
}
// Sharing: grants, packets, ledger, local differential privacy.
import { Sharing, estimateFromUnary, unaryResponse, claimSourceFromObjects, createKeyPair, estimateFromRandomized, exportKeyPair, Ledger, privacyTerms, randomizedResponse, sharingDocumentSchema, verifyShare } from 'selfcrm';
import type { UnaryAnswer, SharingDocument, ClaimSource, Grant, GrantLevel, Holding, LedgerEntry, RandomizedEstimate, Recipient, SharePacket, SigningKeyPair, VerifiedShare, WithheldClaim } from 'selfcrm';
{
  const recipient: Recipient = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
  const level: GrantLevel = 'borrowed';
  const source: ClaimSource = claimSourceFromObjects({ personal: { name: 'Ada' } }, { persona: 'explorer' });
  const keys: SigningKeyPair = await createKeyPair();
  const sharing: Sharing = await Sharing.open({ keyPair: keys, claims: source });
  const made: Grant = await sharing.grant({ recipient, claim: 'persona', level, purpose: 'offers', expiresAt: '2027-01-01T00:00:00Z' });
  const changed: Grant = await sharing.changeGrant(made.id, { purpose: 'offers and news' }, { now: '2026-12-01T00:00:00Z' });
  const viaSharing: SharePacket = await sharing.share(recipient);
  const packet: SharePacket = await sharing.share(recipient, { now: new Date() });
  const withheld: WithheldClaim[] = packet.withheld;
  const { publicJwk } = await exportKeyPair(keys);
  const verified: VerifiedShare = await verifyShare(packet.packet, { publicKey: publicJwk, audience: 'shop' });
  const kinds: string[] = verified.problems.map((p) => p.kind);
  const ledger: Ledger = await Ledger.load(sharing.toJSON().ledger, { head: sharing.ledger().head() });
  const entry: LedgerEntry | undefined = ledger.list().at(-1);
  const rows: Holding[] = ledger.holdings();
  // @ts-expect-error a ledger is written only by the Sharing or vault operation it records
  void ledger.recordShare(packet);
  // @ts-expect-error nor appended to by hand
  void ledger.append({ type: 'share', recipient, claims: [] });
  // @ts-expect-error nor made empty outside load()
  void new Ledger();
  const revoked: Grant = await sharing.revoke(made.id);
  const explanation: string = privacyTerms({ categories: ['a', 'b'], epsilon: 1 }).explanation;
  const report: string = randomizedResponse('a', { categories: ['a', 'b'], epsilon: 1 }).report;
  const estimate: RandomizedEstimate = estimateFromRandomized({ a: 10, b: 5 }, { categories: ['a', 'b'], epsilon: 1 });
  const schemaKeys: string[] = Object.keys(sharingDocumentSchema.properties);
  const flags: UnaryAnswer = unaryResponse('a', { categories: ['a', 'b'], epsilon: 1 });
  const fromFlags: RandomizedEstimate = estimateFromUnary([flags.bits], { categories: ['a', 'b'], epsilon: 1 });
  void fromFlags;
  const g: Grant = await sharing.grant({ recipient, claim: '/personal/name', level: 'copied', purpose: 'delivery' });
  const doc: SharingDocument = sharing.toJSON();
  const recorded: LedgerEntry[] = sharing.ledger().list();
  void [kinds, entry, rows, explanation, report, estimate.nps?.ci95, schemaKeys, g, doc, changed, viaSharing, revoked, recorded];
}
// Text: sentiment, intent cues, six degrees.
import { addLexiconEntries, analyzeText, analyzeTexts, classifyInteractions, clearLexiconEntries, Cues, sentimentLabels } from 'selfcrm';
import type { CueName, DegreeProfile, InteractionInput, SentimentLabel, TextAnalysis, TextBatch } from 'selfcrm';
{
  const one: TextAnalysis = analyzeText('not bad at all');
  const label: SentimentLabel = one.label;
  const cue: CueName | undefined = one.cues[0];
  const batch: TextBatch = analyzeTexts(['good', 'bad'], { details: false });
  const compound: Float64Array = batch.compound;
  const isQuestion: boolean = ((batch.cues[0] ?? 0) & Cues.question) !== 0;
  const name: SentimentLabel | undefined = sentimentLabels[batch.label[0] ?? 1];
  const held: number = addLexiconEntries({ meh: -1 });
  clearLexiconEntries();
  const records: InteractionInput[] = [{ direction: 'customer-to-business', isPublic: true, text: 'Where is it?' }];
  const profile: DegreeProfile = classifyInteractions(records);
  const sociability: number | null = profile.sociability;
  void label; void cue; void compound; void isQuestion; void name; void held; void sociability;
}
// Segments and personas
import { chooseK, featureRows, kmeans, Personas, Segments, silhouette } from 'selfcrm';
import type {
  Condition, KChoice, KMeansResult, PersonaAssignment, PersonaPackDefinition, SegmentEvaluation, SegmentPackDefinition,
} from 'selfcrm';
{
  const promoter: Condition = { field: 'scores.nps.category', op: 'eq', value: 'promoter' };
  const referred: Condition = { history: 'referrals', where: { field: 'converted', op: 'eq', value: true }, atLeast: 1, withinDays: 365 };
  const pack: SegmentPackDefinition = {
    plans: [{ name: 'p', halfLifeDays: 30, rules: [{ each: { history: 'surveys' }, points: 5 }, { when: promoter, points: 1 }], thresholds: [{ segment: 'warm', atLeast: 5 }] }],
    segments: [{ name: 'evangelist', condition: { and: [promoter, referred] } }],
  };
  using segments = Segments.fromJSON(pack);
  const evaluation: SegmentEvaluation = segments.evaluate({ id: 'x' }, { asOf: new Date() });
  const personaPack: PersonaPackDefinition = { personas: [{ name: 'fan', useCase: 'reward', priority: 1, condition: promoter }] };
  using personas = Personas.fromJSON(personaPack);
  using defaults = Personas.default();
  const assignment: PersonaAssignment = personas.assign({ id: 'x' }, { asOf: '2024-06-01' });
  const name: string | undefined = assignment.persona?.name ?? defaults.assign({}).persona?.tier;
  const result: KMeansResult = kmeans(new Float64Array([0, 0, 1, 1]), { k: 2, dimensions: 2, seed: 1 });
  const labels: Int32Array = result.assignments;
  const centroids: Float64Array = result.centroids;
  const choice: KChoice = chooseK([[0], [1], [5]], { kMin: 2, kMax: 3 });
  const score: number = silhouette([[0], [1], [5]], labels, { k: 2 });
  const features: Float64Array = featureRows([{ scores: { clv: { value: 1 } } }], ['scores.clv.value'], { missing: 0 });
  void features;
  void evaluation;
  void name;
  void centroids;
  void choice;
  void score;
}
// Insights and sharing from a vault
import { Insights, fitModelFromProfiles } from 'selfcrm';
import type { Feedback, ProfileInsights, ScoreCard, VaultShareOptions } from 'selfcrm';
{
  using vault = Vault.create('me');
  using engine = Insights.create({ model: Model.default() });
  const all: ProfileInsights = engine.analyze(vault, { asOf: new Date() });
  const scores: ScoreCard = all.scores;
  const feedback: Feedback = all.feedback;
  const persona: string | undefined = all.persona.persona?.name;
  const keyPair = await createKeyPair();
  const options: VaultShareOptions = { keyPair, insights: all };
  const recipient = { id: 'shop', displayName: 'Shop', origin: 'https://shop.example' };
  const grant = await vault.grant({ recipient, claim: 'persona', level: 'borrowed', purpose: 'offers', expiresAt: '2027-01-01T00:00:00Z' });
  const packet = await vault.share(recipient, options);
  await vault.revoke(grant.id);
  const entries: number = (await vault.ledger()).list().length;
  const claim = vault.claims(all).resolve('persona');
  const fitted = fitModelFromProfiles('{"id":"a","history":{"transactions":[]}}\n');
  void [scores, feedback, persona, packet.digest, entries, claim, fitted.profiles];
}
// One way to change grants (issue 17): the standalone list functions, which wrote no ledger record,
// and the company entry's former `limits` names are gone from the published types.
// @ts-expect-error createGrant was removed: use vault.grant or Sharing.grant
import { createGrant as removedCreate } from 'selfcrm';
// @ts-expect-error changeGrant was removed: use vault.changeGrant or Sharing.changeGrant
import { changeGrant as removedChange } from 'selfcrm';
// @ts-expect-error revokeGrant was removed: use vault.revoke or Sharing.revoke
import { revokeGrant as removedRevoke } from 'selfcrm';
// @ts-expect-error npsAdvocacy is now populationAdvocacy, as in the core
import { npsAdvocacy as removedAdvocacy } from 'selfcrm';
// Disclosures only through a Sharing or the vault, which record each in the ledger.
// @ts-expect-error share was removed: use vault.share or Sharing.share
import { share as removedShare } from 'selfcrm';
// @ts-expect-error createPresentation was removed: use vault.present or Sharing.present
import { createPresentation as removedPresent } from 'selfcrm';
// @ts-expect-error consentItems was removed: use vault.consent or Sharing.consent
import { consentItems as removedConsent } from 'selfcrm';
// @ts-expect-error approvedClaims was removed: present() takes the approved claim names
import { approvedClaims as removedApproved } from 'selfcrm';
// @ts-expect-error createRevocation was removed: use vault.withdraw or Sharing.withdraw
import { createRevocation as removedRevocation } from 'selfcrm';
// @ts-expect-error mergeGrants was removed: use vault.merge
import { mergeGrants as removedMergeGrants } from 'selfcrm';
// @ts-expect-error NpsStream was removed: NpsAggregate tallies NPS lines (one way, in the company module)
import { NpsStream as removedNpsStream } from 'selfcrm';
// @ts-expect-error limits was removed: use defaultPresentationLimits
import { limits as removedLimits } from 'selfcrm/company';
import { defaultPresentationLimits, verifyPresentation } from 'selfcrm/company';
import { isGrantActive, populationAdvocacy, type PopulationAdvocacy } from 'selfcrm';
{
  void [removedCreate, removedChange, removedRevoke, removedAdvocacy, removedLimits, removedShare, removedPresent, removedConsent, removedApproved, removedRevocation, removedMergeGrants, removedNpsStream];
  // @ts-expect-error Ledger.mergeEntries was removed: use vault.merge
  void Ledger.mergeEntries([], []);
  const bound: number = defaultPresentationLimits.maxPresentations;
  // Every `now` is an AsOf: a Date, epoch milliseconds or an ISO-8601 string.
  const checked = verifyPresentation({}, { request: {} as never, origin: 'https://shop.example', now: '2026-11-22T12:00:00Z' });
  const active: boolean = isGrantActive({} as never, Date.now());
  const advocacy: PopulationAdvocacy = populationAdvocacy([{ latestScore: 9, referrals: 1, convertedReferrals: 1 }]);
  void [bound, checked, active, advocacy];
}
