import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

/** The README's picture is refreshed only on request (UPDATE_DOCS=1), so a test run leaves the tree clean. */
const DOCS_SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

test('takes the README screenshot after an answered Add call on the demo server', async ({
  page,
  app,
}, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(app.url);
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await expect(page.getByRole('textbox', { name: 'Target' })).toHaveValue(
    `${app.demo.host}:${app.demo.port}`,
  );
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
  await page.getByRole('combobox', { name: 'Template' }).selectOption('ServiceA.Add 10+20');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByText('30', { exact: true })).toBeVisible();
  const path =
    process.env.UPDATE_DOCS === '1' ? DOCS_SCREENSHOT : testInfo.outputPath('screenshot.png');
  await page.screenshot({ path });
});
