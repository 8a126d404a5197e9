/** Realistic event payloads from the recorded fixtures, adjusted per scenario. */
import { readFileSync } from 'node:fs';

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

export function pullRequestEvent(number: number, headSha: string, action = 'opened'): Record<string, any> {
  const event = fixture('pull-request-opened');
  event['action'] = action;
  event['number'] = number;
  event['pull_request']['number'] = number;
  event['pull_request']['head']['sha'] = headSha;
  return event;
}

export function forkPullRequestEvent(number: number, headSha: string): Record<string, any> {
  const event = fixture('pull-request-fork');
  event['number'] = number;
  event['pull_request']['number'] = number;
  event['pull_request']['head']['sha'] = headSha;
  return event;
}

export function pushEvent(sha: string, message: string): Record<string, any> {
  const event = fixture('push-squash-merge');
  event['after'] = sha;
  event['head_commit']['id'] = sha;
  event['head_commit']['message'] = message;
  return event;
}

export const scheduleEvent = (): Record<string, any> => fixture('schedule');
export const workflowDispatchEvent = (): Record<string, any> => fixture('workflow-dispatch');
