import { formatIsoDate, isCalendarDate } from './calendar';
/**
 * What each audited method did, in words an information governance lead or a subject access
 * request can read: "Sam Patel viewed child RCC-00012's profile". One table, keyed by method; the
 * screen, the CSV and the PDF all read it. `{record}` is the record named in words ("child
 * RCC-00012", "referral 41"). Entries never carry special-category values, so neither do these.
 */
export const AUDIT_WORDS: Record<string, string> = {
  seed: 'created the demo region',
  'auth.signIn': 'signed in',
  'auth.signOut': 'signed out',
  'auth.createFirstAdmin': 'created the first administrator account ({record})',
  'auth.changePassword': 'changed their own password',
  'users.create': 'created the account {record}',
  'users.update': 'changed the role or scope of {record}',
  'users.disable': 'disabled the account {record}',
  'users.enable': 'enabled the account {record}',
  'users.resetPassword': 'gave {record} a temporary password',
  'audit.list': 'searched the audit trail',
  'audit.export': 'exported the audit trail',
  'audit.verify': 'checked the audit chain',
  'children.list': 'listed children ({record})',
  'children.get': 'viewed {record}',
  'children.profile': "viewed {record}'s profile",
  'referrals.inbox': 'listed referrals ({record})',
  'referrals.get': 'viewed {record}',
  'referrals.save': 'saved {record}',
  'referrals.setStatus': 'changed the status of {record}',
  'matching.search': 'searched for homes for {record}',
  'matching.runs': 'viewed the searches run for {record}',
  'matching.run': 'viewed a search run for {record}',
  'placement.hold': 'held a vacancy for {record}',
  'placement.recordResponse': "recorded a provider's answer for {record}",
  'placement.place': 'placed {record}',
  'placement.end': 'ended the placement of {record}',
  'placement.offers': 'viewed the offers for {record}',
  'plan.start': 'ran a whole-region plan ({record})',
  'policy.save': 'saved matching policy version {recordId}',
  'policy.preview': 'previewed a matching policy ({record})',
  'vacancies.setStatus': 'changed the status of {record}',
  'vacancies.update': 'corrected {record}',
  'councils.create': 'added {record}',
  'councils.update': 'corrected {record}',
  'demo.reset': 'reset the demo region',
  'market.topPlacements': 'viewed the costliest placements ({record})',
  'market.setInHouseOverheads': 'changed the in-house overheads for {recordId}',
  'imports.ssda903': 'imported SSDA903 returns ({record})',
  'imports.ofsted': 'imported an Ofsted provider list ({record})',
  'imports.vacancies': 'imported a vacancy feed ({record})',
  'imports.fosterHouseholds': 'imported foster households ({record})',
  'imports.councils': 'imported partner councils ({record})',
  'imports.postcodes': 'imported a postcode directory ({record})',
  'market.summaryPdf': 'made the sufficiency summary PDF ({record})',
  'exports.placementsStandard': 'exported Placements Standard referrals ({record})',
  'exports.ssda903Episodes': 'exported SSDA903 episodes ({record})',
  'exports.ssda903Header': 'exported SSDA903 header ({record})',
  'exports.ssda903Return': 'looked over an SSDA903 return before exporting it ({record})',
  'exports.vacancyTemplate': 'exported the vacancy template',
  'constellation.roster': "viewed {record}'s roster",
  'constellation.calendar': "viewed a constellation's sleepover calendar ({record})",
  'constellation.requestSleepover': 'asked for a sleepover ({record})',
  'constellation.acceptSleepover': 'accepted {record}',
  'constellation.declineSleepover': 'declined {record}',
  'constellation.cancelSleepover': 'cancelled {record}',
  'constellation.life': "viewed {record}'s meetings and notes",
  'constellation.addEvent': 'added {record}',
  'constellation.setAttendance': 'recorded attendance at {record}',
  'constellation.addNote': 'wrote {record}',
  'constellation.overview': 'listed constellations ({record})',
  'region.constellations': 'listed constellations ({record})',
  'constellation.households': "viewed {record}'s households",
  'constellation.moveHousehold': 'moved a household ({record})',
  'constellation.assignHub': 'changed the hub of {record}',
  'constellation.exportRosterPack': 'exported a roster pack for {record}',
  'constellation.importRosterPack': 'opened a roster pack ({record})',
  'constellation.importedRoster': 'viewed an imported roster ({record})',
};

/** Words for an action when a method has no entry above, so the trail never shows a bare method name. */
const ACTION_WORDS: Record<string, string> = {
  view: 'viewed {record}',
  list: 'listed {record}',
  create: 'created {record}',
  change: 'changed {record}',
  update: 'changed {record}',
  export: 'exported {record}',
  import: 'imported {record}',
};

/** Record types as words, for "{record}". */
export const AUDIT_RECORD_WORDS: Record<string, string> = {
  child: 'child',
  referral: 'referral',
  user: 'account',
  vacancy: 'vacancy',
  council: 'council',
  constellation: 'constellation',
  constellation_roster: 'constellation',
  constellation_life: 'constellation',
  constellation_households: 'constellation',
  constellation_calendar: 'constellation',
  constellation_event: 'meeting',
  constellation_note: 'note',
  sleepover: 'sleepover',
  policy: 'policy version',
  home: 'home',
  provider: 'provider',
  in_house_overheads: 'in-house overheads',
};

/**
 * The kinds of action an administrator filters by: a label, and which stored actions (or
 * methods) each covers. 'refused' is every entry whose outcome was not ok.
 */
export const AUDIT_ACTIONS = {
  view: { label: 'Viewed a record', actions: ['view'] },
  list: { label: 'Listed records', actions: ['list', 'list-costs'] },
  create: { label: 'Created a record', actions: ['create'] },
  change: { label: 'Changed a record', actions: ['change', 'update', 'place', 'hold', 'offer', 'refusal', 'accept', 'decline', 'cancel', 'reset'] },
  search: { label: 'Searched or planned', actions: ['search', 'plan', 'policy-preview'] },
  export: { label: 'Exported', actions: ['export'] },
  import: { label: 'Imported', actions: ['import', 'import-check', 'import-start'] },
  'sign-in': { label: 'Signed in (or tried)', actions: ['sign-in'] },
  'sign-out': { label: 'Signed out', actions: ['sign-out'] },
  account: { label: 'Account changes', actions: ['account'], methods: ['users.create', 'auth.createFirstAdmin'] },
  refused: { label: 'Refused', actions: [] },
} as const satisfies Record<string, { label: string; actions: readonly string[]; methods?: readonly string[] }>;
export type AuditActionFilter = keyof typeof AUDIT_ACTIONS;

export interface AuditWordsInput {
  who: string;
  method: string;
  action: string;
  outcome: string;
  /** The record in words: "child RCC-00012", "referral 41". */
  record: string;
  recordId: string;
}

/** One entry as a sentence. */
export function auditSentence(e: AuditWordsInput): string {
  if (e.outcome !== 'ok') {
    if (e.method === 'auth.signIn') return `${e.who} tried to sign in and was refused`;
    const what = AUDIT_WORDS[e.method] ?? ACTION_WORDS[e.action] ?? `used a part of the app on {record}`;
    return `${e.who} was refused: “${fill(what, e)}” was not done`;
  }
  const template = AUDIT_WORDS[e.method] ?? ACTION_WORDS[e.action] ?? `did “${e.action}” on {record}`;
  return `${e.who} ${fill(template, e)}`;
}

function fill(template: string, e: AuditWordsInput): string {
  // A record may be named by a day ("the costliest placements on 2026-12-01"): written the UK way, as every date on screen.
  const record = e.record.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => (isCalendarDate(d) ? formatIsoDate(d) : d));
  return template.replaceAll('{record}', record).replaceAll('{recordId}', e.recordId);
}
