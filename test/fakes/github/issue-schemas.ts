/**
 * Request-body schemas of the issue, comment and label operations the action uses, transcribed
 * from GitHub's REST API description (@octokit/openapi 23.0.2, apiVersion 2022-11-28). Stricter
 * than GitHub in one way on purpose: an unknown field is a 422, so a typo in the action cannot
 * pass silently. Errors use GitHub's wording for schema failures ("Invalid request. …").
 */
import { Ajv, type ErrorObject } from 'ajv';
import { error, type FakeResponse } from './server.js';

const stringOrInteger = { type: ['string', 'integer'] };
const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });
const labelItem = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, description: nullable('string'), color: nullable('string') },
      additionalProperties: false,
    },
  ],
};
const commentBody = { type: 'object', required: ['body'], properties: { body: { type: 'string' } }, additionalProperties: false };

const SCHEMAS = {
  'issues/create-comment': commentBody,
  'issues/update-comment': commentBody,
  'issues/create': {
    type: 'object',
    required: ['title'],
    properties: {
      title: stringOrInteger,
      body: { type: 'string' },
      assignee: nullable('string'),
      milestone: nullable(['string', 'integer']),
      labels: { type: 'array', items: labelItem },
      assignees: { type: 'array', items: { type: 'string' } },
      issue_field_values: { type: 'array', items: { type: 'object' } },
      type: nullable('string'),
    },
    additionalProperties: false,
  },
  'issues/update': {
    type: 'object',
    properties: {
      title: nullable(['string', 'integer']),
      body: nullable('string'),
      assignee: nullable('string'),
      state: { enum: ['open', 'closed'] },
      state_reason: { enum: ['completed', 'not_planned', 'duplicate', 'reopened', null] },
      duplicate_issue_id: { type: 'integer' },
      milestone: nullable(['string', 'integer']),
      labels: { type: 'array', items: labelItem },
      assignees: { type: 'array', items: { type: 'string' } },
      issue_field_values: { type: 'array', items: { type: 'object' } },
      type: { type: ['string', 'object', 'null'] },
    },
    additionalProperties: false,
  },
  'issues/create-label': {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, color: { type: 'string' }, description: { type: 'string', maxLength: 100 } },
    additionalProperties: false,
  },
} as const;

export type Operation = keyof typeof SCHEMAS;

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
const validators = new Map(Object.entries(SCHEMAS).map(([op, schema]) => [op, ajv.compile(schema)]));

/** `undefined` when `body` is valid for `operation`, else the 422 GitHub would send. */
export function checkBody(operation: Operation, body: unknown): FakeResponse | undefined {
  if (body === undefined) return error(422, 'Invalid request.\n\nRequest body is required.');
  const validate = validators.get(operation)!;
  if (validate(body)) return undefined;
  return error(422, `Invalid request.\n\n${describe(validate.errors?.[0])}`);
}

function describe(e: ErrorObject | undefined): string {
  if (e === undefined) return 'Invalid request body.';
  if (e.keyword === 'required') return `"${String(e.params.missingProperty)}" wasn't supplied.`;
  if (e.keyword === 'additionalProperties') return `"${String(e.params.additionalProperty)}" is not a permitted key.`;
  return `For 'properties${e.instancePath}', ${JSON.stringify(e.data ?? null)} ${e.message ?? 'is not valid'}.`;
}
