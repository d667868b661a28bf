import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { calls } from './fixtures/page-actions';

/** The guided first run: one line that says what to do next and moves on as the learner does it. */

const guide = (page: Page) => page.getByRole('region', { name: 'Guide' });

test('a first visit is guided from Connect to answers finding their calls by id; hidden, it stays hidden', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await expect(guide(page)).toContainText('Guide, 1 of 5: Press Connect.');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(guide(page)).toContainText('Guide, 2 of 5: Press Send');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(calls(page).first()).toContainText('answered');
  await expect(guide(page)).toContainText(
    'Guide, 3 of 5: Follow the call through its twelve steps',
  );
  const steps = page.getByRole('region', { name: 'Steps', exact: true });
  await steps.getByRole('button', { name: /^Step 11:/ }).click();
  await expect(guide(page)).toContainText('Guide, 3 of 5');
  await steps.getByRole('button', { name: 'Next step' }).click();
  await expect(guide(page)).toContainText('Guide, 4 of 5: Open the Wire tab');
  await page.getByRole('tab', { name: 'Wire' }).click();
  await expect(guide(page)).toContainText('Guide, 5 of 5: Load the template “Demo.Sleep burst”');
  await page.getByRole('combobox', { name: 'Template' }).selectOption('Demo.Sleep burst');
  await page.getByRole('button', { name: 'Send burst' }).click();
  await expect(guide(page)).toContainText(
    'Guide done: you followed a call through its twelve steps',
    { timeout: 15_000 },
  );

  // Once hidden it stays hidden across a reload, until the header's Guide shows it again.
  const toggle = page.getByRole('button', { name: 'Guide', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await guide(page).getByRole('button', { name: 'Hide guide' }).click();
  await expect(guide(page)).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();
  await expect(guide(page)).toHaveCount(0);
  await toggle.click();
  await expect(guide(page)).toContainText('Guide done');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('region', { name: '引导' })).toContainText('引导完成');
  // The page still fits the window with the guide's line.
  expect(
    await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
  ).toBeLessThanOrEqual(0);
});
