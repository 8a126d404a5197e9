/**
 * A delivery target reads the same in the plan (comment, text, JSON) as in the apply log, its
 * summary and its errors: one wording, the delivery's own.
 */
import { describe, expect, it } from 'vitest';
import { nullLogger } from '../../src/log.js';
import { describeDeliverTarget } from '../../src/spec/deliver-target-label.js';
import { renderPlanText } from '../../src/render/text.js';
import { createSecretDelivery } from '../../src/secrets/delivery.js';
import type { DeliverTarget } from '../../src/spec/model.js';
import { plan, token } from './render-fixtures.js';

const targets: readonly DeliverTarget[] = [
  { kind: 'output', name: 'terraform_token' },
  { kind: 'github-secret', name: 'PROXMOX_TERRAFORM_TOKEN' },
  { kind: 'github-secret', name: 'PM_API_TOKEN', repository: 'acme/infra', environment: 'production' },
  { kind: 'github-secret', name: 'PM_ORG', org: 'acme', visibility: 'selected', selectedRepositories: ['infra', 'acme/web'] },
  { kind: 'github-secret', name: 'PM_ORG_DEFAULT', org: 'acme' },
];

describe('describeDeliverTarget', () => {
  const change = token('terraform-prov@pve!terraform', 'create', { deliver: targets });
  const delivery = createSecretDelivery({ mask: () => {}, setOutput: () => {}, logger: nullLogger });

  it('names every target as the delivery does', () => {
    expect(targets.map(describeDeliverTarget)).toEqual(delivery.describe(change));
    expect(targets.map(describeDeliverTarget)).toEqual([
      'output terraform_token',
      'github-secret this repository/PROXMOX_TERRAFORM_TOKEN',
      'github-secret acme/infra:production/PM_API_TOKEN',
      'github-secret org acme/PM_ORG (visibility selected: infra, acme/web)',
      'github-secret org acme/PM_ORG_DEFAULT (visibility private)',
    ]);
  });

  it('is the wording of the plan', () => {
    expect(renderPlanText(plan([change]))).toContain(`deliver: ${delivery.describe(change).join(', ')}`);
  });
});
