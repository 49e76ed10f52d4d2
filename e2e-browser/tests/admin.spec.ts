import type { Page } from '@playwright/test';
import { expect, loginThroughUi, test } from '../harness/fixtures.ts';
import { adminGet, digits, signUp, uniqueSuffix } from '../harness/api.ts';
import { pendingPartner } from '../harness/queues.ts';

/**
 * The admin console (issue #15): the overview shows the API's own figures, the storage view lists every node the
 * controller knows with its zone and state, and a rejection's reason reaches the partner's page.
 */

interface Part {
  status: 'AVAILABLE' | 'UNAVAILABLE';
}

interface Overview {
  users: Part & { total: number; pendingPartners: number; byRole: Record<string, number> };
  vehicles: Part & { total: number; bookable: number; pending: number };
  bookings: Part & { today: Record<string, number>; thisMonth: Record<string, number> };
  revenue: Part;
  storage: Part & { nodes: { live: number; total: number }; files: number; underReplicatedChunks: number; unavailableChunks: number };
}

async function shown(page: Page, testId: string): Promise<string> {
  return digits(await page.getByTestId(testId).textContent());
}

test('admin: the overview shows the numbers the API gives', async ({ adminPage, ui }) => {
  await adminPage.goto('/admin');
  await expect(adminPage.getByTestId('overview-users')).toBeVisible();
  // the page and this test read the same server-side cache of each part (seconds to a minute): read both again until
  // they were taken from the same cached answer
  await expect(async () => {
    await adminPage.reload();
    await expect(adminPage.getByTestId('overview-storage')).toBeVisible({ timeout: 5_000 });
    const o = await adminGet<Overview>('/api/admin/overview');
    for (const part of ['users', 'vehicles', 'bookings', 'revenue', 'storage'] as const) {
      await expect(adminPage.getByTestId(`overview-${part}`)).toHaveAttribute('data-status', o[part].status, { timeout: 1_000 });
    }
    if (o.users.status === 'AVAILABLE') {
      expect(await shown(adminPage, 'users-total')).toBe(String(o.users.total));
      expect(await shown(adminPage, 'users-pending-partners')).toBe(String(o.users.pendingPartners));
      for (const [role, count] of Object.entries(o.users.byRole)) {
        expect(await shown(adminPage, `users-role-${role}`), role).toBe(String(count));
      }
    }
    if (o.vehicles.status === 'AVAILABLE') {
      expect(await shown(adminPage, 'vehicles-total')).toBe(String(o.vehicles.total));
      expect(await shown(adminPage, 'vehicles-bookable')).toBe(String(o.vehicles.bookable));
      expect(await shown(adminPage, 'vehicles-pending')).toBe(String(o.vehicles.pending));
    }
    if (o.bookings.status === 'AVAILABLE') {
      const lists = adminPage.getByTestId('overview-bookings').locator('ul');
      for (const [index, counts] of [o.bookings.today, o.bookings.thisMonth].entries()) {
        for (const [status, count] of Object.entries(counts ?? {})) {
          expect(digits(await lists.nth(index).getByTestId(`count-${status}`).textContent()), status).toBe(String(count));
        }
      }
    }
    if (o.storage.status === 'AVAILABLE') {
      expect(await shown(adminPage, 'storage-nodes')).toBe(`${o.storage.nodes.live}${o.storage.nodes.total}`);
      expect(await shown(adminPage, 'storage-files')).toBe(String(o.storage.files));
      expect(await shown(adminPage, 'storage-under-replicated')).toBe(String(o.storage.underReplicatedChunks));
      expect(await shown(adminPage, 'storage-unavailable')).toBe(String(o.storage.unavailableChunks));
    }
  }).toPass({ timeout: 45_000, intervals: [1_000, 2_000, 5_000] });
  await ui.check(adminPage, 'admin overview');
});

test('admin: the storage network view lists every node with its zone and state', async ({ adminPage, ui }) => {
  const nodes = await adminGet<{ nodeId: string; zone: string; state: string }[]>('/api/storage/nodes');
  expect(nodes.length, 'the runner starts storage nodes').toBeGreaterThan(0);
  await adminPage.goto('/admin/storage');
  await expect(adminPage.getByTestId('storage-nodes')).toBeVisible();
  await expect(adminPage.getByTestId('storage-node')).toHaveCount(nodes.length);
  for (const node of nodes) {
    const row = adminPage.locator(`[data-testid="storage-node"][data-node-id="${node.nodeId}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(node.zone);
  }
  // states move with heartbeats: compare with a fresh read until both agree
  await expect(async () => {
    const now = await adminGet<{ nodeId: string; state: string }[]>('/api/storage/nodes');
    for (const node of now) {
      await expect(adminPage.locator(`[data-testid="storage-node"][data-node-id="${node.nodeId}"]`))
        .toHaveAttribute('data-state', node.state, { timeout: 1_000 });
    }
  }).toPass({ timeout: 30_000 });
  const topology = await adminGet<{ nodes: unknown[]; links: unknown[] }>('/api/storage/topology');
  await expect(adminPage.getByTestId('topology')).toBeVisible();
  await expect(adminPage.getByTestId('topology-node')).toHaveCount(topology.nodes.length);
  await expect(adminPage.getByTestId('storage-stats')).toBeVisible();
  await ui.check(adminPage, 'admin storage network');
});

test('admin: a rejection\'s reason shows on the partner\'s page, and the partner can resubmit', async ({ page, ui, adminPage }) => {
  const partner = await signUp('partner');
  const reason = `Insurance certificate expired (${uniqueSuffix()})`;

  const entry = await pendingPartner(adminPage, partner.id);
  await entry.getByTestId('reject-partner').click();
  await entry.getByTestId('reject-reason').fill(reason);
  await ui.check(adminPage, 'admin: rejecting a partner');
  await entry.getByTestId('reject-confirm').click();
  await expect(entry).toBeHidden();

  await loginThroughUi(page, partner);
  await page.goto('/partner');
  await expect(page.getByTestId('verification')).toHaveAttribute('data-status', 'REJECTED');
  await expect(page.getByTestId('rejection-reason')).toContainText(reason);
  await ui.check(page, 'partner home: rejected');
  await page.getByTestId('resubmit').click();
  await expect(page.getByTestId('verification')).toHaveAttribute('data-status', 'PENDING');
});
