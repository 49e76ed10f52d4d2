import { expect, type Locator, type Page } from '@playwright/test';
import { adminGet } from './api.ts';

/**
 * The admin's review queues (pending partners, pending vehicles) are paged, oldest first, 10 a page: on a platform
 * that earlier runs left full, a new entry is on a late page. Where is found through the API, then the UI is paged
 * forward to it with its own Next button, as an admin would.
 */
interface PageOf {
  items: { id: string }[];
  totalPages: number;
}

async function pageIndexOf(path: string, id: string): Promise<number> {
  for (let page = 0; page < 10_000; page++) {
    const result = await adminGet<PageOf>(`${path}?page=${page}&size=10`);
    if (result.items.some((item) => item.id === id)) {
      return page;
    }
    if (page + 1 >= result.totalPages) {
      break;
    }
  }
  throw new Error(`${id} is not in ${path}`);
}

async function pageTo(page: Page, listPath: string, apiPath: string, item: Locator, id: string): Promise<Locator> {
  await page.goto(listPath);
  await expect(page.locator('h1')).toBeVisible();
  const index = await pageIndexOf(apiPath, id);
  for (let i = 0; i < index; i++) {
    await expect(page.locator('.pager')).toBeVisible();
    await page.locator('.pager').getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('.pager')).toContainText(`${i + 2}`);
  }
  await expect(item).toBeVisible();
  return item;
}

/** The pending partner's entry in the admin's queue (/admin/partners). */
export function pendingPartner(page: Page, partnerId: string): Promise<Locator> {
  return pageTo(page, '/admin/partners', '/api/admin/partners/pending',
    page.locator(`[data-testid="pending-partner"][data-partner-id="${partnerId}"]`), partnerId);
}

/** The pending vehicle's entry in the admin's queue (/admin/vehicles). */
export function pendingVehicle(page: Page, vehicleId: string): Promise<Locator> {
  return pageTo(page, '/admin/vehicles', '/api/admin/vehicles/pending',
    page.locator(`[data-testid="pending-vehicle"][data-vehicle-id="${vehicleId}"]`), vehicleId);
}
