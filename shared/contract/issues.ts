import type { z } from 'zod';

/**
 * What the contract's schemas find wrong with an input, in the field's words: the one place a zod
 * issue becomes a message. The dispatcher's BAD_INPUT errors and the forms' messages by each field
 * both come from here, so a form never says something different from the server about the same
 * value, and a change of wording is made once.
 */

type Issue = z.core.$ZodIssue;

/** The field an issue is about, as a dotted path ('child.birthDate'); '' for the input as a whole. */
export function issueField(issue: Issue): string {
  const path = issue.path.map(String).join('.');
  // An unknown key is reported on the object holding it: name the key itself.
  if (issue.code === 'unrecognized_keys') return [path, issue.keys[0]].filter(Boolean).join('.');
  return path;
}

/** The problem in words, without the field's name (a form shows it beside the field). */
export function issueWords(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return 'is not a field of this request';
  return issue.message;
}

/** The message an API error carries: the field's name, then the problem. */
export function issueMessage(issue: Issue): string {
  const field = issueField(issue);
  if (issue.code === 'unrecognized_keys') return `${field} ${issueWords(issue)}`;
  return `${field || 'input'}: ${issueWords(issue)}`;
}

/**
 * Each field's first problem under `schema` (the contract's own input schema, or a field of it),
 * keyed by dotted path: {} when the value passes. For forms, checked as the user types.
 */
export function fieldProblems(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  const problems: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) problems[issueField(issue)] ??= issueWords(issue);
  return problems;
}

/** An API error's message for one field, without the "field: " that `issueMessage` puts before it. */
export function messageForField(error: { field?: string | undefined; message: string } | null | undefined, field: string): string | undefined {
  if (!error || error.field !== field) return undefined;
  return error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
}
